namespace NmtPractice.Scheduling.Appointments;

/// <summary>
/// An appointment as the API returns it: times shown in the location's time zone, and, once the client
/// checked in, why treatment records opened no note (<c>NoteRefused</c>: the screening does not allow treatment);
/// for one of a series, the series and its place in it; and whether the client booked it themselves
/// (by the link of a waitlist offer, or online) rather than the clinic. A client's list of appointments
/// also names the location, therapist and service (<see cref="AppointmentNames"/>), for the client's own pages.
/// </summary>
public sealed record AppointmentResponse(
    Guid Id,
    Guid ClientId,
    string? ClientName,
    Guid LocationId,
    Guid TherapistId,
    Guid RoomId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    AppointmentStatus Status,
    IReadOnlyList<string> Flags,
    CancellationReason? CancellationReason,
    bool LateCancellation,
    long Version,
    string? NoteRefused = null,
    Guid? SeriesId = null,
    int? Occurrence = null,
    DateTimeOffset? ConfirmedByClientAt = null,
    DateTimeOffset? ClientAskedToCancelAt = null,
    bool BookedByClient = false,
    AppointmentNames? Names = null)
{
    /// <summary>Maps the aggregate to its API shape.</summary>
    public static AppointmentResponse From(Appointment appointment, TimeZoneInfo? zone = null, string? clientName = null, string? noteRefused = null)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return new AppointmentResponse(
            appointment.Id,
            appointment.ClientId,
            clientName,
            appointment.LocationId,
            appointment.TherapistId,
            appointment.RoomId,
            appointment.ServiceCode,
            zone is null ? appointment.StartsAt : TimeZoneInfo.ConvertTime(appointment.StartsAt, zone),
            zone is null ? appointment.EndsAt : TimeZoneInfo.ConvertTime(appointment.EndsAt, zone),
            appointment.Status,
            appointment.Flags,
            appointment.CancellationReason,
            appointment.LateCancellation,
            appointment.Version,
            noteRefused,
            appointment.SeriesId,
            appointment.Occurrence,
            appointment.ConfirmedByClientAt,
            appointment.ClientAskedToCancelAt,
            appointment.BookedByClient);
    }
}

/// <summary>What an appointment is called where ids mean nothing to the reader (a client's own list).</summary>
public sealed record AppointmentNames(string? Location, string? Therapist, string? Service);
