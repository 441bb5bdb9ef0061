namespace NmtPractice.Scheduling.Appointments.GettingAppointment;

/// <summary><c>GET /api/scheduling/appointments/{id}</c>.</summary>
internal static class GetAppointmentEndpoint
{
    internal static async Task<Ok<AppointmentResponse>> Handle(
        Guid id, IQuerySession session, RecordReader reader, HttpResponse response, CancellationToken cancellationToken)
    {
        var appointment = await reader.ReadAsync(Appointment.Rules, id, Audited.Read, cancellationToken);
        var location = await session.LoadAsync<Location>(appointment.LocationId, cancellationToken);
        var client = await session.LoadAsync<ClientBookingStatus>(appointment.ClientId, cancellationToken);
        var refusal = await session.LoadAsync<NoteRefusal>(appointment.Id, cancellationToken);
        response.SetETag(appointment.Version);
        return TypedResults.Ok(AppointmentResponse.From(appointment, location?.Zone, client?.DisplayName, refusal?.Reason));
    }
}
