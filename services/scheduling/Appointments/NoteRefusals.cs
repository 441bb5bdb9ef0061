using MassTransit;
using NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.Scheduling.Appointments;

/// <summary>
/// Why treatment records opened no note when the client checked in (their screening does not allow
/// treatment), kept beside the appointment so the front desk sees it on the calendar. A document of its
/// own, not an appointment event: the desk's next change of the appointment is not made stale by it.
/// </summary>
/// <param name="Id">The appointment.</param>
/// <param name="Reason"><c>contraindicated</c>, <c>clearance-required</c>, <c>clearance-expired</c> or <c>intake-expired</c>.</param>
/// <param name="RefusedAt">When.</param>
public sealed record NoteRefusal(Guid Id, string Reason, DateTimeOffset RefusedAt)
{
    /// <summary>The refusals of some appointments, by appointment.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> OfAsync(IQuerySession session, IEnumerable<Guid> appointments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var found = await session.LoadManyAsync<NoteRefusal>(cancellationToken, appointments.Distinct());
        return found.ToDictionary(refusal => refusal.Id, refusal => refusal.Reason);
    }
}

/// <summary>Keeps <see cref="NoteRefusal"/> from treatment records' <c>CheckInNoteRefused</c>; the latest refusal stands.</summary>
internal sealed class NoteRefusalConsumer(IDocumentSession session) : IConsumer<CheckInNoteRefused>
{
    public async Task Consume(ConsumeContext<CheckInNoteRefused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var held = await session.LoadAsync<NoteRefusal>(message.AppointmentId, context.CancellationToken);
        if (held is null || held.RefusedAt < message.OccurredAt)
        {
            session.Store(new NoteRefusal(message.AppointmentId, message.Reason, message.OccurredAt));
        }
    }
}
