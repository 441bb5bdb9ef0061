namespace NmtPractice.Scheduling.Appointments;

/// <summary>
/// The lifecycle transitions of an appointment, pure: Booked → CheckedIn → Completed; Booked →
/// Cancelled (late inside the notice window); Booked → NoShow once it has started; Booked →
/// rescheduled. Anything else is a 409 naming the state.
/// </summary>
public static class AppointmentDecisions
{
    /// <summary>
    /// Books the command's slot if the rules allow it. When the command names no room,
    /// <paramref name="chooseRoom"/> picks among the free ones (the first by name unless told otherwise).
    /// </summary>
    public static AppointmentBooked Book(BookingScene scene, BookAppointment command, Func<IReadOnlyList<Guid>, Guid>? chooseRoom = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(command);
        var slot = BookingRules.Check(scene, command.StartsAt, command.RoomId);
        var room = command.RoomId is null && chooseRoom is not null ? chooseRoom(slot.FreeRooms) : slot.RoomId;
        var zone = scene.Location.Zone;
        return new AppointmentBooked(
            command.AppointmentId, command.ClientId, scene.Location.Id, scene.Therapist.Id, scene.Service.Code,
            Practice.WeeklySchedule.InZone(slot.Session.From, zone), Practice.WeeklySchedule.InZone(slot.Session.To, zone), scene.Now,
            room, scene.Service.BufferMinutes, slot.Flags, command.WaitlistEntryId, command.By, command.Series?.SeriesId, command.Series?.Occurrence);
    }

    /// <summary>Moves a booked appointment to the command's time (and therapist or room), if the rules allow it there.</summary>
    public static AppointmentRescheduled Reschedule(Appointment appointment, BookingScene scene, RescheduleAppointment command)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(command);
        Require(appointment, AppointmentStatus.Booked, "rescheduled");
        // The room stays unless the therapist changes (the new therapist may work in another room).
        var room = command.RoomId ?? (command.TherapistId is null ? appointment.RoomId : null);
        var slot = BookingRules.Check(scene, command.StartsAt, room, rescheduling: appointment.Id);
        var zone = scene.Location.Zone;
        return new AppointmentRescheduled(
            appointment.Id, appointment.ClientId, appointment.LocationId, appointment.ServiceCode, scene.Therapist.Id, slot.RoomId,
            Practice.WeeklySchedule.InZone(slot.Session.From, zone), Practice.WeeklySchedule.InZone(slot.Session.To, zone),
            appointment.StartsAt, appointment.EndsAt, appointment.TherapistId, scene.Now, command.By);
    }

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

    /// <summary>
    /// A client's answer to a message, carried out as the client: <c>confirm</c> marks a booked
    /// appointment confirmed (once); <c>cancel</c> cancels it when the notice is kept, and inside the
    /// notice window is refused (the client is asked to call the clinic). An answer about an appointment
    /// no longer booked, or already begun, is refused; an answer from another client changes nothing.
    /// </summary>
    public static IReadOnlyList<object> AnswerByClient(Appointment appointment, ClientAnswer answer, TimeSpan notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.ClientId != appointment.ClientId || answer.Answer is not (ClientAnswers.Confirm or ClientAnswers.Cancel))
        {
            return [];
        }

        var by = $"{ClientActor.For(answer.ClientId)} via {answer.Via}";
        object Refused(string reason) => new ClientAnswerRefused(appointment.Id, appointment.ClientId, appointment.LocationId, answer.AnswerId, answer.Answer, reason, now, by);
        if (appointment.Status != AppointmentStatus.Booked || appointment.StartsAt <= now)
        {
            return [Refused(ClientAnswers.NotBooked)];
        }

        if (answer.Answer == ClientAnswers.Confirm)
        {
            return appointment.ConfirmedByClientAt is null
                ? [new AppointmentConfirmedByClient(appointment.Id, appointment.ClientId, appointment.LocationId, appointment.StartsAt, answer.Via, answer.AnswerId, now, by)]
                : [];
        }

        return appointment.StartsAt - now < notice
            ? [Refused(ClientAnswers.LateCancellation)]
            : [new AppointmentCancelled(
                appointment.Id, appointment.ClientId, appointment.LocationId, appointment.TherapistId, appointment.ServiceCode, appointment.StartsAt, appointment.EndsAt,
                CancellationReason.ClientRequest, $"Cancelled by the client ({answer.Via}).", false, now, by, answer.AnswerId)];
    }

    /// <summary>
    /// The desk called the client who asked too late to cancel, and they keep the appointment. Only a
    /// booked appointment with such a request open has one to settle.
    /// </summary>
    public static ClientCancelRequestSettled SettleCancelRequest(Appointment appointment, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Require(appointment, AppointmentStatus.Booked, "settled");
        return appointment.ClientAskedToCancelAt is { } askedAt
            ? new ClientCancelRequestSettled(appointment.Id, appointment.LocationId, askedAt, now, by)
            : throw new ConflictException("No cancel request", "The client has not asked to cancel this appointment, or the request was settled already.");
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

/// <summary>Book <paramref name="StartsAt"/> for a client (the scene holds the location, therapist and service), perhaps as a place in a series.</summary>
public sealed record BookAppointment(Guid AppointmentId, Guid ClientId, DateTimeOffset StartsAt, Guid? RoomId, Guid? WaitlistEntryId, string By, SeriesPlace? Series = null);

/// <summary>An appointment's place in a series: the series and which occurrence (1 for the first).</summary>
public sealed record SeriesPlace(Guid SeriesId, int Occurrence);

/// <summary>Move an appointment to <paramref name="StartsAt"/>, to another therapist or room if named.</summary>
public sealed record RescheduleAppointment(DateTimeOffset StartsAt, Guid? TherapistId, Guid? RoomId, string By);
