namespace NmtPractice.Scheduling.Appointments;

/// <summary>An appointment as the API returns it.</summary>
public sealed record AppointmentResponse(
    Guid Id,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    AppointmentStatus Status,
    long Version)
{
    /// <summary>Maps the aggregate to its API shape.</summary>
    public static AppointmentResponse From(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return new AppointmentResponse(
            appointment.Id,
            appointment.ClientId,
            appointment.LocationId,
            appointment.TherapistId,
            appointment.ServiceCode,
            appointment.StartsAt,
            appointment.EndsAt,
            appointment.Status,
            appointment.Version);
    }
}
