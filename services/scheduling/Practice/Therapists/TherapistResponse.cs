namespace NmtPractice.Scheduling.Practice.Therapists;

/// <summary>A therapist as the API shows them: services, hours per location (and those locations), time off, version (the ETag).</summary>
public sealed record TherapistResponse(
    Guid Id,
    string Name,
    string? UserId,
    IReadOnlyList<string> Services,
    IReadOnlyList<LocationHours> Locations,
    IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<TimeOff> TimeOff,
    long Version)
{
    internal static TherapistResponse From(Therapist therapist, long version) =>
        new(therapist.Id, therapist.Name, therapist.UserId, therapist.Services, therapist.Locations, therapist.LocationIds, therapist.TimeOff, version);
}

/// <summary>Time off was booked; these appointments fall inside it and need moving.</summary>
public sealed record TimeOffResponse(TherapistResponse Therapist, IReadOnlyList<Guid> ConflictingAppointments);
