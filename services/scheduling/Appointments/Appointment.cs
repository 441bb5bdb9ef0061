namespace NmtPractice.Scheduling.Appointments;

/// <summary>An appointment was booked for a client with a therapist at a location.</summary>
public sealed record AppointmentBooked(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset BookedAt);

/// <summary>Where an appointment stands in its lifecycle.</summary>
public enum AppointmentStatus
{
    /// <summary>Booked and upcoming.</summary>
    Booked,
}

/// <summary>
/// The appointment aggregate: an immutable state rebuilt from its events. Decisions live in the
/// deciders beside each command; this type only applies what was decided.
/// </summary>
public sealed record Appointment(
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
    /// <summary>Starts the aggregate from its first event.</summary>
    public static Appointment Create(AppointmentBooked booked)
    {
        ArgumentNullException.ThrowIfNull(booked);
        return new Appointment(
            booked.AppointmentId,
            booked.ClientId,
            booked.LocationId,
            booked.TherapistId,
            booked.ServiceCode,
            booked.StartsAt,
            booked.EndsAt,
            AppointmentStatus.Booked,
            Version: 1);
    }
}
