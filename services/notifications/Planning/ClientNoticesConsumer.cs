using MassTransit;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Notifications.Planning;

/// <summary>
/// Notices that are not about a booked appointment: a freed time offered from the waitlist (held
/// until the offer's hold ends, and withdrawn if the hold runs out before it goes), and an intake
/// that must be renewed before the next visit.
/// </summary>
internal sealed class ClientNoticesConsumer(IDocumentSession session, MessagePlanner planner, TimeProvider time) :
    IConsumer<WaitlistSlotOffered>,
    IConsumer<WaitlistOfferExpired>,
    IConsumer<IntakeExpired>
{
    public Task Consume(ConsumeContext<WaitlistSlotOffered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var offer = context.Message;
        var holdsUntil = offer.HoldsUntil ?? offer.StartsAt;
        return planner.PlanNoticeAsync(
            MessageKind.WaitlistOffer, offer.ClientId, offer.LocationId,
            new MessageFacts(null, offer.TherapistId, offer.ServiceCode, offer.StartsAt, offer.EndsAt, WaitlistEntryId: offer.WaitlistEntryId, HoldsUntil: holdsUntil),
            holdsUntil, "a time the client waits for opened", context.CancellationToken, MessageIds.For(MessageKind.WaitlistOffer, Channel.Email, offer.StartsAt));
    }

    public async Task Consume(ConsumeContext<WaitlistOfferExpired> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expired = context.Message;
        var entry = (Guid?)expired.WaitlistEntryId;
        var waiting = await session.Query<Message>()
            .Where(message => message.Facts.WaitlistEntryId == entry && message.Status == MessageStatus.Planned)
            .ToListAsync(context.CancellationToken);
        foreach (var message in waiting)
        {
            session.Events.Append(message.Id, message.StreamVersion + 1, new MessageWithdrawn(message.Id, "The offer's hold ran out.", time.GetUtcNow()));
        }
    }

    public Task Consume(ConsumeContext<IntakeExpired> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expired = context.Message;
        return planner.PlanNoticeAsync(
            MessageKind.IntakeRenewal, expired.ClientId, expired.LocationId, new MessageFacts(), DateTimeOffset.MaxValue,
            "the client's intake is due for renewal", context.CancellationToken, MessageIds.For(MessageKind.IntakeRenewal, Channel.Email, expired.IntakeVersion));
    }
}
