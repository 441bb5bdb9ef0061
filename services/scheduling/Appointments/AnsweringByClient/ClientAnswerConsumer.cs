using MassTransit;
using Microsoft.Extensions.Options;
using NmtPractice.Contracts.Notifications;
using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.Scheduling.Appointments.AnsweringByClient;

/// <summary>
/// Carries out a client's answer to a message (confirm, or cancel within the notice) as a command of
/// the client's own: decided by <see cref="AppointmentDecisions.AnswerByClient"/>, appended to the
/// appointment with the client as the actor, and audited in the same commit. An answer delivered
/// twice is in the inbox the second time and changes nothing.
/// </summary>
internal sealed class ClientAnswerConsumer(IDocumentSession session, AuditLog audit, IOptions<SchedulingOptions> options, TimeProvider time) : IConsumer<AppointmentAnswered>
{
    public async Task Consume(ConsumeContext<AppointmentAnswered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = context.Message;
        var stream = await session.Events.FetchForWriting<Appointment>(answer.AppointmentId, context.CancellationToken);
        if (stream.Aggregate is not { } appointment)
        {
            return;
        }

        var decided = AppointmentDecisions.AnswerByClient(
            appointment, new ClientAnswer(answer.AnswerId, answer.ClientId, answer.Answer, answer.Via), options.Value.LateCancellationNotice, time.GetUtcNow());
        if (decided.Count == 0)
        {
            return;
        }

        if (decided.Any(change => change is AppointmentCancelled))
        {
            // The time is free again, for the desk, the waitlist and the client's own new booking.
            SlotReservations.Release(session, appointment.Id);
        }

        stream.AppendMany(decided.ToArray());
        audit.RecordWrite(
            session,
            new AuditEntry(answer.Answer == ClientAnswers.Confirm ? "confirm" : "cancel", "appointment", appointment.Id.ToString(), appointment.LocationId, appointment.ClientId),
            ClientActor.For(answer.ClientId));
    }
}
