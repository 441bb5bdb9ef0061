namespace NmtPractice.Contracts.Scheduling;

/// <summary>Hours on one weekday, in the location's local time.</summary>
public sealed record WeeklyHours(DayOfWeek Day, TimeOnly From, TimeOnly To);

/// <summary>A location opened (or its name, time zone or hours changed): what reporting needs to know of it.</summary>
public sealed record LocationPublished(
    Guid LocationId,
    string Name,
    string TimeZone,
    IReadOnlyList<WeeklyHours> OpeningHours,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A therapist's weekly working hours at a location were set (the basis of available hours).</summary>
public sealed record TherapistWorkingHoursSet(
    Guid TherapistId,
    Guid LocationId,
    IReadOnlyList<WeeklyHours> Hours,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
