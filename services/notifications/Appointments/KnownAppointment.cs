using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Notifications.Appointments;

/// <summary>Where an appointment stands, as far as messages care.</summary>
public enum AppointmentState
{
    Booked,
    Cancelled,
    CheckedIn,
    Completed,
    NoShow,
}

/// <summary>An appointment as scheduling last described it: what messages about it say, and whether they are still wanted.</summary>
public sealed record KnownAppointment(
    Guid Id,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    AppointmentState State,
    DateTimeOffset BookedAt,
    DateTimeOffset UpdatedAt,
    Guid? WaitlistEntryId = null,
    DateTimeOffset? ConfirmedByClientAt = null,
    string? RefusedAnswer = null)
{
    /// <summary>The facts its messages speak of.</summary>
    public MessageFacts Facts => new(Id, TherapistId, ServiceCode, StartsAt, EndsAt);
}

/// <summary>One message at a time: an appointment's events are applied in the order scheduling committed them.</summary>
internal sealed class AppointmentMessagesConsumerDefinition : ConsumerDefinition<AppointmentMessagesConsumer>
{
    public AppointmentMessagesConsumerDefinition() => ConcurrentMessageLimit = 1;
}

/// <summary>
/// Keeps <see cref="KnownAppointment"/> current from scheduling's events (an older message changes
/// nothing) and plans what the client is told: the confirmation and reminders of a booking (planned
/// again on every move, withdrawn once it is cancelled), a notice of each change and of a cancellation.
/// </summary>
internal sealed class AppointmentMessagesConsumer(IDocumentSession session, Planning.MessagePlanner planner) :
    IConsumer<AppointmentBooked>,
    IConsumer<AppointmentRescheduled>,
    IConsumer<AppointmentCancelled>,
    IConsumer<AppointmentCheckedIn>,
    IConsumer<AppointmentCompleted>,
    IConsumer<AppointmentMarkedNoShow>,
    IConsumer<AppointmentConfirmed>,
    IConsumer<ClientAnswerRefused>
{
    public async Task Consume(ConsumeContext<AppointmentConfirmed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        if (await session.LoadAsync<KnownAppointment>(m.AppointmentId, context.CancellationToken) is { } held)
        {
            session.Store(held with { ConfirmedByClientAt = m.OccurredAt });
        }

        await planner.ReplyToAnswerAsync(m.AnswerId, Replies.ReplyTexts.Confirmed, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ClientAnswerRefused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        if (await session.LoadAsync<KnownAppointment>(m.AppointmentId, context.CancellationToken) is { } held)
        {
            session.Store(held with { RefusedAnswer = m.Reason });
        }

        await planner.ReplyToAnswerAsync(
            m.AnswerId, m.Reason == "late-cancellation" ? Replies.ReplyTexts.CallTheClinic : Replies.ReplyTexts.NoLongerBooked, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<AppointmentBooked> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        if (await KeepAsync(new KnownAppointment(m.AppointmentId, m.ClientId, m.LocationId, m.TherapistId, m.ServiceCode, m.StartsAt, m.EndsAt, AppointmentState.Booked, m.OccurredAt, m.OccurredAt, m.WaitlistEntryId), context) is { } kept)
        {
            await planner.ReplanAppointmentAsync(kept, "booked", context.CancellationToken);
        }
    }

    public async Task Consume(ConsumeContext<AppointmentRescheduled> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var held = await session.LoadAsync<KnownAppointment>(m.AppointmentId, context.CancellationToken);
        var moved = new KnownAppointment(m.AppointmentId, m.ClientId, m.LocationId, m.TherapistId, m.ServiceCode, m.StartsAt, m.EndsAt, AppointmentState.Booked, held?.BookedAt ?? m.OccurredAt, m.OccurredAt, held?.WaitlistEntryId);
        if (await KeepAsync(moved, context, held) is { } kept)
        {
            var told = await planner.ToldOnAsync(kept.Id, context.CancellationToken);
            await planner.ReplanAppointmentAsync(kept, "moved", context.CancellationToken);
            await planner.PlanNoticeAsync(
                MessageKind.Change, kept.ClientId, kept.LocationId, kept.Facts with { PreviousStartsAt = m.PreviousStartsAt }, kept.StartsAt,
                "the appointment moved", context.CancellationToken, context.MessageId ?? Guid.Empty, told);
        }
    }

    public async Task Consume(ConsumeContext<AppointmentCancelled> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var held = await session.LoadAsync<KnownAppointment>(m.AppointmentId, context.CancellationToken);
        var cancelled = new KnownAppointment(m.AppointmentId, m.ClientId, m.LocationId, m.TherapistId, m.ServiceCode, m.StartsAt, m.EndsAt, AppointmentState.Cancelled, held?.BookedAt ?? m.OccurredAt, m.OccurredAt, held?.WaitlistEntryId);
        if (await KeepAsync(cancelled, context, held) is { } kept)
        {
            var told = await planner.ToldOnAsync(kept.Id, context.CancellationToken);
            await planner.ReplanAppointmentAsync(kept, "cancelled", context.CancellationToken);
            if (m.AnswerId is { } answer)
            {
                // Cancelled by the client's own answer: the reply says it on that channel.
                await planner.ReplyToAnswerAsync(answer, Replies.ReplyTexts.Cancelled, context.CancellationToken);
                told = [.. told.Where(channel => channel != Channel.Sms)];
            }

            await planner.PlanNoticeAsync(
                MessageKind.Cancellation, kept.ClientId, kept.LocationId, kept.Facts, kept.StartsAt, "the appointment was cancelled", context.CancellationToken, only: told);
        }
    }

    public Task Consume(ConsumeContext<AppointmentCheckedIn> context) => EndAsync(context, AppointmentState.CheckedIn, m => (m.AppointmentId, m.OccurredAt));

    public Task Consume(ConsumeContext<AppointmentCompleted> context) => EndAsync(context, AppointmentState.Completed, m => (m.AppointmentId, m.OccurredAt));

    public Task Consume(ConsumeContext<AppointmentMarkedNoShow> context) => EndAsync(context, AppointmentState.NoShow, m => (m.AppointmentId, m.OccurredAt));

    private async Task EndAsync<T>(ConsumeContext<T> context, AppointmentState state, Func<T, (Guid Id, DateTimeOffset At)> describe)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, at) = describe(context.Message);
        var held = await session.LoadAsync<KnownAppointment>(id, context.CancellationToken);
        if (held is not null && held.UpdatedAt < at && await KeepAsync(held with { State = state, UpdatedAt = at }, context, held) is { } kept)
        {
            await planner.ReplanAppointmentAsync(kept, state.ToString(), context.CancellationToken);
        }
    }

    /// <summary>Of two changes at the same instant, the one further along stands (a cancellation over the booking).</summary>
    private static int Rank(AppointmentState state) => state switch
    {
        AppointmentState.Booked => 0,
        AppointmentState.CheckedIn => 1,
        _ => 2,
    };

    private async Task<KnownAppointment?> KeepAsync<T>(KnownAppointment described, ConsumeContext<T> context, KnownAppointment? held = null)
        where T : class
    {
        held ??= await session.LoadAsync<KnownAppointment>(described.Id, context.CancellationToken);
        if (held is not null && (held.UpdatedAt > described.UpdatedAt || (held.UpdatedAt == described.UpdatedAt && Rank(held.State) >= Rank(described.State))))
        {
            return null;
        }

        session.Store(described);
        return described;
    }
}
