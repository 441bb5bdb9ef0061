namespace NmtPractice.Testing.Practice;

// What the tests read back from the practice's HTTP APIs, as JSON shapes declared here (see
// PracticeRequests.cs for why); each holds only the fields the tests read (add one when a test
// needs it), and enums are read as the names the APIs write (strings).

/// <summary>Any created or read resource, by its id.</summary>
public sealed record Identified(Guid Id);

/// <summary>One entry of a service's audit log: what was done to which kind of record, and whether it was allowed; by whom, to which object, at which location.</summary>
public sealed record AuditEntryView(string Action, string ResourceType, string Outcome, string? UserId = null, string? ResourceId = null, Guid? LocationId = null);

/// <summary>
/// An RFC 7807 problem as the services write it: its stable title and the detail, the request's
/// correlation id, and the extensions treatment records adds to a refused note (the reason, the note
/// that already exists, what is missing for a signature, the techniques on a local contraindication).
/// </summary>
public sealed record Problem(
    string? Title,
    int? Status,
    string? Detail,
    string? CorrelationId = null,
    string? Reason = null,
    Guid? SessionId = null,
    IReadOnlyList<string>? Missing = null,
    IReadOnlyList<string>? Techniques = null);

/// <summary>An appointment, its times in the location's zone.</summary>
public sealed record AppointmentView(
    Guid Id, string? ClientName, Guid RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status, IReadOnlyList<string> Flags, bool LateCancellation,
    string? NoteRefused = null, DateTimeOffset? ConfirmedByClientAt = null, DateTimeOffset? ClientAskedToCancelAt = null, bool BookedByClient = false);

/// <summary>A column of a calendar day: a therapist or a room, with its appointments.</summary>
public sealed record CalendarColumnView(Guid Id, string Name, IReadOnlyList<AppointmentView> Appointments);

/// <summary>One local day of a location's calendar.</summary>
public sealed record CalendarDayView(DateOnly Date, IReadOnlyList<CalendarColumnView> Columns);

/// <summary>A location's calendar over one or more days.</summary>
public sealed record CalendarView(IReadOnlyList<CalendarDayView> Days);

/// <summary>A client's appointments at the caller's locations.</summary>
public sealed record ClientAppointmentsView(IReadOnlyList<AppointmentView> Upcoming, IReadOnlyList<AppointmentView> Past);

/// <summary>A free start of a therapist.</summary>
public sealed record FreeSlotView(Guid TherapistId, DateTimeOffset StartsAt);

/// <summary>The free starts of a service at a location.</summary>
public sealed record AvailabilityView(IReadOnlyList<FreeSlotView> Slots);

/// <summary>A slot on offer to a waitlist entry, and until when it is held.</summary>
public sealed record WaitlistOfferView(Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset HoldsUntil);

/// <summary>A waitlist entry as the desk lists it.</summary>
public sealed record WaitlistLineView(Guid Id, Guid ClientId, string? ClientName, string Status, WaitlistOfferView? Offer = null);

/// <summary>A room of a location.</summary>
public sealed record RoomView(Guid Id, string Name);

/// <summary>A location with its rooms.</summary>
public sealed record LocationView(Guid Id, string Name, IReadOnlyList<RoomView> Rooms);

/// <summary>A therapist and the services they give.</summary>
public sealed record TherapistView(Guid Id, IReadOnlyList<string> Services, IReadOnlyList<Guid>? LocationIds = null, IReadOnlyList<Identified>? TimeOff = null, long Version = 0);

/// <summary>The appointments a therapist's new time off overlaps.</summary>
public sealed record TimeOffView(IReadOnlyList<Guid> ConflictingAppointments);
