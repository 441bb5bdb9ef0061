namespace NmtPractice.Contracts.Scheduling;

/// <summary>Hours on one weekday, in the location's local time.</summary>
public sealed record WeeklyHours(DayOfWeek Day, TimeOnly From, TimeOnly To);

/// <summary>A location opened (or its name, address, time zone or hours changed): what other services need to know of it.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="Name">Its name.</param>
/// <param name="TimeZone">Its IANA time zone.</param>
/// <param name="OpeningHours">Its weekly opening hours.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Address">Its postal address on one line, as clients are told where to come (added later: null before).</param>
public sealed record LocationPublished(
    Guid LocationId,
    string Name,
    string TimeZone,
    IReadOnlyList<WeeklyHours> OpeningHours,
    DateTimeOffset OccurredAt,
    string? Address = null) : IIntegrationEvent;

/// <summary>A therapist was registered: their name, and the staff account that is this therapist, when one is linked.</summary>
/// <param name="TherapistId">The therapist (scheduling's id).</param>
/// <param name="Name">The therapist's name, as staff see it.</param>
/// <param name="UserId">The staff account (the access token's <c>sub</c>) of the therapist, or null when none is linked.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TherapistRegistered(Guid TherapistId, string Name, string? UserId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The staff account that is a therapist was linked, changed or unlinked after registration.</summary>
/// <param name="TherapistId">The therapist (scheduling's id).</param>
/// <param name="UserId">The staff account (the access token's <c>sub</c>), or null when unlinked.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TherapistAccountLinked(Guid TherapistId, string? UserId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A therapist's weekly working hours at a location were set (the basis of available hours).</summary>
public sealed record TherapistWorkingHoursSet(
    Guid TherapistId,
    Guid LocationId,
    IReadOnlyList<WeeklyHours> Hours,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A therapist leaves a location: from <paramref name="LeavesOn"/> (the location's local day) they work
/// there no more, whatever weekly hours were set before; or that leaving was called off
/// (<paramref name="CalledOff"/>) before the day. Hours set again after the day bring them back.
/// </summary>
/// <param name="TherapistId">The therapist.</param>
/// <param name="LocationId">The location.</param>
/// <param name="LeavesOn">The first day they no longer work there.</param>
/// <param name="CalledOff">The leaving on <paramref name="LeavesOn"/> no longer holds.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TherapistLeavingChanged(
    Guid TherapistId,
    Guid LocationId,
    DateOnly LeavesOn,
    bool CalledOff,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A location will be closed on the days from <paramref name="From"/> to <paramref name="To"/> (inclusive, local days); no hours are available then.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="ClosureId">The closure.</param>
/// <param name="From">First closed day.</param>
/// <param name="To">Last closed day.</param>
/// <param name="OccurredAt">When the closure was scheduled.</param>
public sealed record LocationClosureScheduled(
    Guid LocationId,
    Guid ClosureId,
    DateOnly From,
    DateOnly To,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A closure was shortened to the days from <paramref name="From"/> to <paramref name="To"/>, or called
/// off (<paramref name="Removed"/>); of two changes of a closure, the later <paramref name="OccurredAt"/> stands.
/// </summary>
/// <param name="LocationId">The location.</param>
/// <param name="ClosureId">The closure.</param>
/// <param name="From">First closed day now (the old one when removed).</param>
/// <param name="To">Last closed day now (the old one when removed).</param>
/// <param name="Removed">The location opens on all of the closure's days as usual.</param>
/// <param name="OccurredAt">When the closure changed.</param>
public sealed record LocationClosureChanged(
    Guid LocationId,
    Guid ClosureId,
    DateOnly From,
    DateOnly To,
    bool Removed,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A therapist will be away from <paramref name="From"/> to <paramref name="To"/>, at every location (no reason: it may be personal).</summary>
/// <param name="TherapistId">The therapist.</param>
/// <param name="TimeOffId">The time off.</param>
/// <param name="From">Start of the absence.</param>
/// <param name="To">End of the absence.</param>
/// <param name="OccurredAt">When it was booked.</param>
public sealed record TherapistTimeOffBooked(
    Guid TherapistId,
    Guid TimeOffId,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Time off was shortened to <paramref name="From"/>-<paramref name="To"/>, or called off
/// (<paramref name="Removed"/>); of two changes of the same time off, the later <paramref name="OccurredAt"/> stands.
/// </summary>
/// <param name="TherapistId">The therapist.</param>
/// <param name="TimeOffId">The time off.</param>
/// <param name="From">Start of the absence now (the old one when removed).</param>
/// <param name="To">End of the absence now (the old one when removed).</param>
/// <param name="Removed">The therapist works their usual hours over the whole span.</param>
/// <param name="OccurredAt">When the time off changed.</param>
public sealed record TherapistTimeOffChanged(
    Guid TherapistId,
    Guid TimeOffId,
    DateTimeOffset From,
    DateTimeOffset To,
    bool Removed,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
