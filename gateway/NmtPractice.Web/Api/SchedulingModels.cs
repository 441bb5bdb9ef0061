namespace NmtPractice.Web.Api;

/// <summary>A location as scheduling lists it (what the web application shows of it).</summary>
public sealed record LocationView(Guid Id, string Name, string TimeZone, IReadOnlyList<RoomView>? Rooms = null);

/// <summary>A treatment room of a location.</summary>
public sealed record RoomView(Guid Id, string Name);

/// <summary>An appointment as scheduling shows it to the desk.</summary>
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
    long Version,
    string? NoteRefused = null,
    Guid? SeriesId = null,
    int? Occurrence = null,
    DateTimeOffset? ConfirmedByClientAt = null,
    DateTimeOffset? ClientAskedToCancelAt = null,
    bool BookedByClient = false,
    AppointmentNamesView? Names = null)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>What an appointment's location, therapist and service are called (a client's own list).</summary>
public sealed record AppointmentNamesView(string? Location, string? Therapist, string? Service);

/// <summary>Why an occurrence of a series was not booked.</summary>
public sealed record SeriesRefusalView(string Title, string Detail);

/// <summary>One occurrence of a series as booked: its appointment, or why not and other free times that day.</summary>
public sealed record SeriesOccurrenceView(int Occurrence, DateTimeOffset StartsAt, AppointmentView? Appointment, SeriesRefusalView? Refused, IReadOnlyList<FreeSlotView> Alternatives);

/// <summary>A series as scheduling booked it.</summary>
public sealed record SeriesView(Guid SeriesId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, int Booked, IReadOnlyList<SeriesOccurrenceView> Occurrences);

/// <summary>A series as it stands after booking: its appointments by start.</summary>
public sealed record SeriesAppointmentsView(Guid SeriesId, Guid ClientId, string? ClientName, Guid LocationId, IReadOnlyList<AppointmentView> Appointments);

/// <summary>One column of a day calendar (a therapist or a room).</summary>
public sealed record CalendarColumnView(Guid Id, string Name, IReadOnlyList<AppointmentView> Appointments);

/// <summary>One day of a calendar.</summary>
public sealed record CalendarDayView(DateOnly Date, bool Closed, IReadOnlyList<CalendarColumnView> Columns);

/// <summary>A location's calendar.</summary>
public sealed record CalendarView(Guid LocationId, string TimeZone, string By, IReadOnlyList<CalendarDayView> Days);

/// <summary>A bookable service.</summary>
public sealed record ServiceView(string Code, string Name, int DurationMinutes, decimal Price, string Currency);

/// <summary>A therapist (as the booking form lists them).</summary>
public sealed record TherapistView(Guid Id, string Name, IReadOnlyList<string> Services, string? UserId = null, long Version = 0)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>A free start for a service.</summary>
public sealed record FreeSlotView(Guid TherapistId, string TherapistName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int FreeRooms);

/// <summary>Free starts at a location.</summary>
public sealed record AvailabilityView(Guid LocationId, string TimeZone, string ServiceCode, IReadOnlyList<FreeSlotView> Slots);

/// <summary>A freed slot offered to a waiting client, held for them until <paramref name="HoldsUntil"/>.</summary>
public sealed record SlotOfferView(Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset OfferedAt, DateTimeOffset? HoldsUntil);

/// <summary>A waitlist entry as the desk lists it.</summary>
public sealed record WaitlistLineView(
    Guid Id, Guid ClientId, string? ClientName, Guid LocationId, string ServiceCode, Guid? TherapistId, DateOnly From, DateOnly To,
    DateTimeOffset JoinedAt, string Status, SlotOfferView? Offer, long Version);

/// <summary>A client's appointments at the caller's locations.</summary>
public sealed record ClientAppointmentsView(Guid ClientId, IReadOnlyList<AppointmentView> Upcoming, IReadOnlyList<AppointmentView> Past);

/// <summary>A location's postal address.</summary>
public sealed record AddressView(string Line1, string? Line2, string City, string? Region, string PostalCode, string Country);

/// <summary>Days a location is closed (local days, both included).</summary>
public sealed record ClosureView(Guid Id, DateOnly From, DateOnly To, string Reason);

/// <summary>What clients may book at a location themselves, online.</summary>
public sealed record OnlineBookingView(bool Open, IReadOnlyList<string> ServiceCodes, int BookAheadDays, int MinimumNoticeHours, bool NewClients, int CancellationNoticeHours);

/// <summary>A location as its manager edits it: details, opening hours, closures, rooms in use, its online-booking policy, and the version.</summary>
public sealed record LocationDetailsView(
    Guid Id, string Name, AddressView Address, string TimeZone, IReadOnlyList<WeeklyHoursView> OpeningHours, IReadOnlyList<ClosureView> Closures, IReadOnlyList<RoomView> Rooms,
    OnlineBookingView OnlineBooking, long Version)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>Weekly hours on one day of the week.</summary>
public sealed record WeeklyHoursView(DayOfWeek Day, TimeOnly From, TimeOnly To);

/// <summary>A therapist's hours at one location, and the first day they no longer work there when leaving.</summary>
public sealed record TherapistLocationView(Guid LocationId, IReadOnlyList<WeeklyHoursView> Hours, DateOnly? LeavesOn);

/// <summary>Time a therapist is away.</summary>
public sealed record TimeOffView(Guid Id, DateTimeOffset From, DateTimeOffset To, string Reason);

/// <summary>A therapist as their manager edits them: hours per location, time off, and the version.</summary>
public sealed record TherapistDetailsView(
    Guid Id, string Name, string? UserId, IReadOnlyList<string> Services, IReadOnlyList<TherapistLocationView> Locations, IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<TimeOffView> TimeOff, long Version)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>An appointment of a leaving therapist, on or after the day, for the desk to give another therapist.</summary>
public sealed record ReassignView(Guid AppointmentId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string ServiceCode);

/// <summary>A therapist's leaving of a location: the day and what is still theirs from it.</summary>
public sealed record LeavingView(TherapistDetailsView Therapist, Guid LocationId, DateOnly LeavesOn, IReadOnlyList<ReassignView> ToReassign);

/// <summary>Time off was booked: the therapist, and the appointments inside it.</summary>
public sealed record TimeOffBookedView(TherapistDetailsView Therapist, IReadOnlyList<Guid> ConflictingAppointments);

/// <summary>A service's terms as operations edit them.</summary>
public sealed record ServiceTermsView(Guid Id, string Code, string Name, int DurationMinutes, int BufferMinutes, decimal Price, string Currency, long Version)
{
    public string ETag => $"\"{Version}\"";
}
