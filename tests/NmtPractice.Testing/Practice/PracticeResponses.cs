namespace NmtPractice.Testing.Practice;

// What the tests read back from the practice's HTTP APIs, as JSON shapes declared here (see
// PracticeRequests.cs for why); each holds the fields the tests read, and enums are read as the names
// the APIs write (strings).

/// <summary>Any created or read resource, by its id.</summary>
public sealed record Identified(Guid Id);

/// <summary>An RFC 7807 problem as the services write it, with the extensions the tests read.</summary>
public sealed record Problem(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyList<string>? Flags = null);

/// <summary>An appointment, its times in the location's zone.</summary>
public sealed record AppointmentView(
    Guid Id,
    Guid ClientId,
    string? ClientName,
    Guid LocationId,
    Guid TherapistId,
    Guid RoomId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Status,
    IReadOnlyList<string> Flags,
    string? CancellationReason,
    bool LateCancellation,
    long Version);

/// <summary>A column of a calendar day: a therapist or a room, with its appointments.</summary>
public sealed record CalendarColumnView(Guid Id, string Name, IReadOnlyList<AppointmentView> Appointments);

/// <summary>One local day of a location's calendar.</summary>
public sealed record CalendarDayView(DateOnly Date, bool Closed, IReadOnlyList<CalendarColumnView> Columns);

/// <summary>A location's calendar over one or more days.</summary>
public sealed record CalendarView(Guid LocationId, string TimeZone, string By, IReadOnlyList<CalendarDayView> Days);

/// <summary>A client's appointments at the caller's locations.</summary>
public sealed record ClientAppointmentsView(Guid ClientId, IReadOnlyList<AppointmentView> Upcoming, IReadOnlyList<AppointmentView> Past);

/// <summary>A free start of a therapist.</summary>
public sealed record FreeSlotView(Guid TherapistId, string TherapistName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int FreeRooms);

/// <summary>The free starts of a service at a location.</summary>
public sealed record AvailabilityView(Guid LocationId, string TimeZone, string ServiceCode, IReadOnlyList<FreeSlotView> Slots);

/// <summary>A slot on offer to a waiting client.</summary>
public sealed record SlotOfferView(Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset OfferedAt);

/// <summary>A waitlist entry as the desk lists it.</summary>
public sealed record WaitlistLineView(
    Guid Id,
    Guid ClientId,
    string? ClientName,
    Guid LocationId,
    string ServiceCode,
    Guid? TherapistId,
    DateOnly From,
    DateOnly To,
    string Status,
    SlotOfferView? Offer,
    long Version);

/// <summary>A room of a location.</summary>
public sealed record RoomView(Guid Id, string Name);

/// <summary>A location with its rooms.</summary>
public sealed record LocationView(Guid Id, string Name, PostalAddress Address, string TimeZone, IReadOnlyList<RoomView> Rooms, long Version);

/// <summary>A therapist and the services they give.</summary>
public sealed record TherapistView(Guid Id, string Name, string? UserId, IReadOnlyList<string> Services, long Version);

/// <summary>The therapist after booking time off, and the appointments the time off overlaps.</summary>
public sealed record TimeOffView(TherapistView Therapist, IReadOnlyList<Guid> ConflictingAppointments);
