namespace NmtPractice.Scheduling.Appointments.SettlingCancelRequest;

/// <summary>
/// <c>POST /api/scheduling/appointments/{id}/cancel-request/kept</c>: the desk called a client who had
/// asked (by answering a message) too late to cancel, and the client keeps the appointment. Clears the
/// request from the calendar; 409 when there is none open. A client who still cannot come is cancelled
/// instead (a late cancellation), which ends the request too.
/// </summary>
internal static class SettleCancelRequestEndpoint
{
    internal static async Task<Ok<AppointmentResponse>> Handle(
        Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        return await ChangingAppointment.ChangeAppointmentEndpoints.CommitAsync(
            writer, write, AppointmentDecisions.SettleCancelRequest(write.State, time.GetUtcNow(), user.Id), cancellationToken);
    }
}
