using MassTransit;
using NmtPractice.Contracts.Intake;

namespace NmtPractice.Notifications.Recipients;

/// <summary>
/// How a client is messaged, from intake's <see cref="ClientContactChanged"/>: the email address and
/// phone number encrypted (<see cref="ContactProtector"/>) with a keyed hash of each to find the client
/// by (a text's sender, a portal sign-in's email), the channels the client agreed to, the
/// language. A text answered STOP stops the text channel here at once (<see cref="SmsStoppedAt"/>),
/// before intake records the opt-out; only a later consent given to intake starts it again.
/// </summary>
public sealed record Recipient(
    Guid Id,
    Guid LocationId,
    string? Email,
    string? Phone,
    string? PhoneLookup,
    bool EmailAllowed,
    bool SmsAllowed,
    string Language,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SmsStoppedAt = null,
    DateTimeOffset? ErasedAt = null,
    string? EmailLookup = null)
{
    /// <summary>Whether messages may go to the client on <paramref name="channel"/>.</summary>
    public bool Allows(Channel channel) => channel == Channel.Email
        ? EmailAllowed && Email is not null
        : SmsAllowed && Phone is not null && SmsStoppedAt is null;

    /// <summary>The channels messages may go on.</summary>
    public IReadOnlyList<Channel> Channels => [.. Enum.GetValues<Channel>().Where(Allows)];
}

/// <summary>
/// Forgets an erased client: the recipient is kept only as a marker with no address, no number and no
/// consent (so that a late contact change cannot bring them back), and every message still to go is
/// withdrawn. Sent messages hold ids and steps only, and stay.
/// </summary>
internal sealed class ClientErasedConsumer(IDocumentSession session, TimeProvider time) : IConsumer<ClientErased>
{
    public async Task Consume(ConsumeContext<ClientErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var erased = context.Message;
        session.Store(new Recipient(erased.ClientId, erased.LocationId, null, null, null, false, false, "en", erased.OccurredAt, null, erased.OccurredAt));
        var waiting = await session.Query<Message>()
            .Where(message => message.ClientId == erased.ClientId && message.Status == MessageStatus.Planned)
            .ToListAsync(context.CancellationToken);
        foreach (var message in waiting)
        {
            session.Events.Append(message.Id, message.StreamVersion + 1, new MessageWithdrawn(message.Id, "The client's data was erased.", time.GetUtcNow()));
        }
    }
}

/// <summary>
/// Keeps <see cref="Recipient"/> current (an older message changes nothing) and plans or withdraws the
/// client's upcoming messages when a channel opens or closes.
/// </summary>
internal sealed class RecipientConsumer(IDocumentSession session, ContactProtector protector, Planning.MessagePlanner planner) : IConsumer<ClientContactChanged>
{
    public async Task Consume(ConsumeContext<ClientContactChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var changed = context.Message;
        var held = await session.LoadAsync<Recipient>(changed.ClientId, context.CancellationToken);
        if (held is not null && (held.UpdatedAt >= changed.OccurredAt || held.ErasedAt is not null))
        {
            return;
        }

        var recipient = new Recipient(
            changed.ClientId, changed.LocationId,
            protector.Protect(changed.ClientId, changed.Email), protector.Protect(changed.ClientId, changed.Phone), protector.PhoneLookup(changed.Phone),
            changed.EmailAllowed, changed.SmsAllowed, changed.Language, changed.OccurredAt,
            // A consent to texts given after a STOP starts them again; anything else keeps the STOP.
            held?.SmsStoppedAt is { } stopped && !(changed.SmsAllowed && changed.OccurredAt > stopped) ? stopped : null,
            EmailLookup: protector.EmailLookup(changed.Email));
        session.Store(recipient);
        await planner.ReplanClientAsync(recipient, context.CancellationToken);
    }
}
