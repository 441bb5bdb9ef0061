using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Scheduling.Appointments;

/// <summary>
/// The lifecycle transitions of an appointment, pure: Booked → CheckedIn → Completed; Booked →
/// Cancelled (late inside the notice window); Booked → NoShow once it has started; Booked →
/// rescheduled. Anything else is a 409 naming the state.
/// </summary>
public static class AppointmentDecisions
{
    public static AppointmentCancelled Cancel(Appointment appointment, CancellationReason reason, string? note, TimeSpan notice, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Require(appointment, AppointmentStatus.Booked, "cancelled");
        if (note is { Length: > 200 })
        {
            throw new RequestValidationException("note", "At most 200 characters.");
        }

        return new AppointmentCancelled(
            appointment.Id, appointment.ClientId, appointment.LocationId, appointment.TherapistId, appointment.ServiceCode, appointment.StartsAt, appointment.EndsAt,
            reason, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), appointment.StartsAt - now < notice, now, by);
    }

    public static ClientCheckedIn CheckIn(Appointment appointment, TimeZoneInfo zone, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Require(appointment, AppointmentStatus.Booked, "checked in");
        var day = Practice.WeeklySchedule.LocalDate(appointment.StartsAt, zone);
        if (Practice.WeeklySchedule.LocalDate(now, zone) != day || now >= appointment.EndsAt)
        {
            throw new ConflictException("Not today", $"A client is checked in on the day of the appointment ({day:yyyy-MM-dd}), before it ends.");
        }

        return new ClientCheckedIn(appointment.Id, appointment.ClientId, appointment.LocationId, appointment.TherapistId, appointment.ServiceCode, appointment.StartsAt, appointment.EndsAt, now, by);
    }

    public static AppointmentCompleted Complete(Appointment appointment, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Require(appointment, AppointmentStatus.CheckedIn, "completed");
        return new AppointmentCompleted(appointment.Id, appointment.ClientId, appointment.LocationId, appointment.TherapistId, appointment.ServiceCode, appointment.StartsAt, appointment.EndsAt, now, by);
    }

    public static ClientMarkedNoShow MarkNoShow(Appointment appointment, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Require(appointment, AppointmentStatus.Booked, "marked as a no-show");
        if (now < appointment.StartsAt)
        {
            throw new ConflictException("Not started yet", "A client can be marked as a no-show only once the appointment has started.");
        }

        return new ClientMarkedNoShow(appointment.Id, appointment.ClientId, appointment.LocationId, appointment.TherapistId, appointment.ServiceCode, appointment.StartsAt, appointment.EndsAt, now, by);
    }

    public static void EnsureReschedulable(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Require(appointment, AppointmentStatus.Booked, "rescheduled");
    }

    private static void Require(Appointment appointment, AppointmentStatus expected, string action)
    {
        if (appointment.Status != expected)
        {
            throw new ConflictException(
                "Not allowed in this state",
                $"An appointment that is {appointment.Status} cannot be {action}; it must be {expected}.");
        }
    }
}
