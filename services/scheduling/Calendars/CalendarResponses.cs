namespace NmtPractice.Scheduling.Calendars;

/// <summary>One column of a calendar day: a therapist or a room, with its appointments.</summary>
public sealed record CalendarColumn(Guid Id, string Name, IReadOnlyList<AppointmentResponse> Appointments);

/// <summary>One local day of a location's calendar.</summary>
public sealed record CalendarDay(DateOnly Date, bool Closed, IReadOnlyList<CalendarColumn> Columns);

/// <summary>A location's calendar over one or more days.</summary>
public sealed record CalendarResponse(Guid LocationId, string TimeZone, string By, IReadOnlyList<CalendarDay> Days);

/// <summary>A client's appointments at the locations the caller works at.</summary>
public sealed record ClientAppointmentsResponse(Guid ClientId, IReadOnlyList<AppointmentResponse> Upcoming, IReadOnlyList<AppointmentResponse> Past);
