using System.Text.Json.Serialization;

namespace NmtPractice.Scheduling.Appointments;

/// <summary>An appointment was booked for a client with a therapist in a room at a location.</summary>
public sealed record AppointmentBooked(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset BookedAt,
    Guid RoomId = default,
    int BufferMinutes = 0,
    IReadOnlyList<string>? Flags = null,
    Guid? WaitlistEntryId = null,
    string? BookedBy = null,
    Guid? SeriesId = null,
    int? Occurrence = null);

/// <summary>The appointment moved to another room at the same time (its room was retired); not published: rooms are scheduling's own.</summary>
public sealed record AppointmentRoomChanged(Guid AppointmentId, Guid LocationId, Guid RoomId, Guid PreviousRoomId, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>The appointment moved to another time (and perhaps therapist or room).</summary>
public sealed record AppointmentRescheduled(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    string ServiceCode,
    Guid TherapistId,
    Guid RoomId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset PreviousStartsAt,
    DateTimeOffset PreviousEndsAt,
    Guid PreviousTherapistId,
    DateTimeOffset RescheduledAt,
    string RescheduledBy);

/// <summary>The appointment was cancelled; late when inside the notice window.</summary>
public sealed record AppointmentCancelled(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    CancellationReason Reason,
    string? Note,
    bool LateCancellation,
    DateTimeOffset CancelledAt,
    string CancelledBy,
    Guid? AnswerId = null);

/// <summary>The client confirmed they will come, by answering a message (<paramref name="Via"/>: <c>sms</c> or <c>link</c>).</summary>
public sealed record AppointmentConfirmedByClient(
    Guid AppointmentId, Guid ClientId, Guid LocationId, DateTimeOffset StartsAt, string Via, Guid AnswerId, DateTimeOffset ConfirmedAt, string ConfirmedBy);

/// <summary>
/// The client's answer to a message could not be carried out: a cancellation inside the notice window
/// (made by calling the clinic), or an appointment no longer booked. Kept, so the desk sees the client tried.
/// </summary>
public sealed record ClientAnswerRefused(
    Guid AppointmentId, Guid ClientId, Guid LocationId, Guid AnswerId, string Answer, string Reason, DateTimeOffset RefusedAt, string AnsweredBy);

/// <summary>
/// The desk called a client who had asked too late to cancel, and the client keeps the appointment:
/// the request is settled (had they not, the desk cancels it, which settles it too).
/// </summary>
public sealed record ClientCancelRequestSettled(Guid AppointmentId, Guid LocationId, DateTimeOffset AskedAt, DateTimeOffset SettledAt, string SettledBy);

/// <summary>The client arrived.</summary>
public sealed record ClientCheckedIn(
    Guid AppointmentId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset CheckedInAt, string CheckedInBy);

/// <summary>The session took place.</summary>
public sealed record AppointmentCompleted(
    Guid AppointmentId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset CompletedAt, string CompletedBy);

/// <summary>The client did not come.</summary>
public sealed record ClientMarkedNoShow(
    Guid AppointmentId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset MarkedAt, string MarkedBy);

/// <summary>Where an appointment stands in its lifecycle.</summary>
public enum AppointmentStatus
{
    /// <summary>Booked and upcoming.</summary>
    Booked,

    /// <summary>The client has arrived.</summary>
    CheckedIn,

    /// <summary>The session took place.</summary>
    Completed,

    /// <summary>Cancelled before it took place.</summary>
    Cancelled,

    /// <summary>The client did not come.</summary>
    NoShow,
}

/// <summary>Why an appointment was cancelled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CancellationReason>))]
public enum CancellationReason
{
    [JsonStringEnumMemberName("client-request")] ClientRequest,
    [JsonStringEnumMemberName("client-illness")] ClientIllness,
    [JsonStringEnumMemberName("therapist-unavailable")] TherapistUnavailable,
    [JsonStringEnumMemberName("clinic-closure")] ClinicClosure,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>Flags the front desk sees on an appointment.</summary>
public static class AppointmentFlags
{
    /// <summary>The client needs a physician's clearance before treatment.</summary>
    public const string ClearancePending = "clearance-pending";

    /// <summary>The client's screening is not complete yet (intake or consent missing).</summary>
    public const string ScreeningPending = "screening-pending";
}

/// <summary>
/// The appointment aggregate: an immutable state rebuilt from its events. One booked as part of a
/// series (a course of care booked at once) names the series and its place in it (1 for the first). Decisions live in
/// <see cref="AppointmentDecisions"/>; this type only applies what was decided.
/// </summary>
public sealed record Appointment(
    Guid Id,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    Guid RoomId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int BufferMinutes,
    AppointmentStatus Status,
    IReadOnlyList<string> Flags,
    CancellationReason? CancellationReason,
    bool LateCancellation,
    long Version,
    Guid? SeriesId = null,
    int? Occurrence = null,
    DateTimeOffset? ConfirmedByClientAt = null,
    DateTimeOffset? ClientAskedToCancelAt = null,
    bool BookedByClient = false) : IEventSourced<Appointment>
{
    /// <summary>The time the appointment holds its therapist and room: the session and the turnover buffer after it.</summary>
    [JsonIgnore]
    public Span Held => new(StartsAt, EndsAt.AddMinutes(BufferMinutes));

    /// <summary>Starts the aggregate from its first event.</summary>
    public static Appointment Create(AppointmentBooked booked)
    {
        ArgumentNullException.ThrowIfNull(booked);
        return new Appointment(
            booked.AppointmentId, booked.ClientId, booked.LocationId, booked.TherapistId, booked.RoomId, booked.ServiceCode,
            booked.StartsAt, booked.EndsAt, booked.BufferMinutes, AppointmentStatus.Booked, booked.Flags ?? [], null, false, Version: 1,
            booked.SeriesId, booked.Occurrence, BookedByClient: ClientActor.Is(booked.BookedBy));
    }

    public Appointment Apply(AppointmentRescheduled moved)
    {
        ArgumentNullException.ThrowIfNull(moved);
        return this with { TherapistId = moved.TherapistId, RoomId = moved.RoomId, StartsAt = moved.StartsAt, EndsAt = moved.EndsAt };
    }

    public Appointment Apply(AppointmentRoomChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return this with { RoomId = changed.RoomId };
    }

    public Appointment Apply(AppointmentCancelled cancelled)
    {
        ArgumentNullException.ThrowIfNull(cancelled);
        return this with { Status = AppointmentStatus.Cancelled, CancellationReason = cancelled.Reason, LateCancellation = cancelled.LateCancellation };
    }

    public Appointment Apply(AppointmentConfirmedByClient confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        return this with { ConfirmedByClientAt = confirmed.ConfirmedAt };
    }

    public Appointment Apply(ClientAnswerRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return refused.Answer == ClientAnswers.Cancel ? this with { ClientAskedToCancelAt = refused.RefusedAt } : this;
    }

    public Appointment Apply(ClientCancelRequestSettled settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        return this with { ClientAskedToCancelAt = null };
    }

    public Appointment Apply(ClientCheckedIn checkedIn)
    {
        ArgumentNullException.ThrowIfNull(checkedIn);
        return this with { Status = AppointmentStatus.CheckedIn };
    }

    public Appointment Apply(AppointmentCompleted completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        return this with { Status = AppointmentStatus.Completed };
    }

    public Appointment Apply(ClientMarkedNoShow noShow)
    {
        ArgumentNullException.ThrowIfNull(noShow);
        return this with { Status = AppointmentStatus.NoShow };
    }

    /// <summary>The appointment after any of its events but the first.</summary>
    public Appointment After(object change) => change switch
    {
        AppointmentRescheduled e => Apply(e),
        AppointmentRoomChanged e => Apply(e),
        AppointmentCancelled e => Apply(e),
        ClientCheckedIn e => Apply(e),
        AppointmentConfirmedByClient e => Apply(e),
        ClientAnswerRefused e => Apply(e),
        ClientCancelRequestSettled e => Apply(e),
        AppointmentCompleted e => Apply(e),
        ClientMarkedNoShow e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a booked appointment.", nameof(change)),
    };

    /// <summary>How the shared write path treats an appointment: it belongs to its location; <c>If-Match</c> is honoured when sent.</summary>
    internal static readonly RecordRules<Appointment> Rules = new() { Noun = "appointment", Location = appointment => appointment.LocationId, Client = appointment => appointment.ClientId };
}
