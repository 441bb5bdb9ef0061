using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice.Therapists.SettingWorkingHours;

public sealed record WorkingHoursRequest(IReadOnlyList<WeeklyHours>? Hours);

/// <summary>
/// <c>PUT /api/scheduling/therapists/{id}/locations/{locationId}/hours</c>: a manager of the location
/// sets the week there (an empty week: no longer works there) of a therapist who works there already
/// or nowhere outside the manager's locations (<see cref="Therapist.MaySetHoursAt"/>). Hours set at a
/// location the therapist has left bring them back from today.
/// </summary>
internal static class SetWorkingHoursEndpoint
{
    internal static async Task<Ok<TherapistResponse>> Handle(
        Guid id, Guid locationId, WorkingHoursRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors().Hours("hours", request.Hours).ThrowIfAny();
        user.EnsureCanAccess(locationId);
        var location = await writer.Session.LoadAsync<Location>(locationId, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var write = await writer.LoadAsync(Therapist.Rules, id, Audited.Update, cancellationToken, mayChange: therapist => therapist.MaySetHoursAt(locationId, user));
        var now = time.GetUtcNow();

        // Hours set for a location the therapist has left bring them back; before the day, they are the hours until it.
        var returns = write.State.LeavesOn(locationId) is { } leavesOn && leavesOn <= WeeklySchedule.LocalDate(now, location.Zone);
        var set = await write.CommitAsync([new WorkingHoursSet(id, locationId, request.Hours!, now, user.Id, returns)], cancellationToken);
        return TypedResults.Ok(TherapistResponse.From(set.State, set.Version));
    }
}
