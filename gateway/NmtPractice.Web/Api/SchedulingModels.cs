namespace NmtPractice.Web.Api;

/// <summary>A location as scheduling lists it (what the web application shows of it).</summary>
public sealed record LocationView(Guid Id, string Name, string TimeZone);

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
    long Version)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>One column of a day calendar (a therapist or a room).</summary>
public sealed record CalendarColumnView(Guid Id, string Name, IReadOnlyList<AppointmentView> Appointments);

/// <summary>One day of a calendar.</summary>
public sealed record CalendarDayView(DateOnly Date, bool Closed, IReadOnlyList<CalendarColumnView> Columns);

/// <summary>A location's calendar.</summary>
public sealed record CalendarView(Guid LocationId, string TimeZone, string By, IReadOnlyList<CalendarDayView> Days);
