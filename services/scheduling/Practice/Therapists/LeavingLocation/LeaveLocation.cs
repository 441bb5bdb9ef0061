namespace NmtPractice.Scheduling.Practice.Therapists.LeavingLocation;

/// <param name="LeavesOn">The first day (the location's local day) the therapist no longer works there; today at the earliest.</param>
public sealed record LeaveLocationRequest(DateOnly? LeavesOn);

/// <summary>An appointment of the therapist at the location on or after the day they leave it: the desk reassigns it (nothing is cancelled).</summary>
public sealed record AppointmentToReassign(Guid AppointmentId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string ServiceCode);

/// <summary>A therapist's leaving of a location: the day, and the appointments still to reassign to another therapist.</summary>
public sealed record LeavingResponse(TherapistResponse Therapist, Guid LocationId, DateOnly LeavesOn, IReadOnlyList<AppointmentToReassign> ToReassign);

/// <summary>
/// A therapist leaves a location from a day: <c>PUT /api/scheduling/therapists/{id}/locations/{locationId}/leaving</c>
/// (<c>If-Match</c>) sets or moves the day; from it no one can book them there, availability and the
/// calendar leave them out, and reporting counts no hours for them there. Their appointments there from
/// that day are kept and listed for reassignment (<c>GET</c> the same address lists what is still
/// theirs); none is cancelled. <c>DELETE</c> calls the leaving off while the day is still ahead; once they
/// have left, setting their hours there again brings them back. A manager of the location decides it,
/// also for a therapist who works at other locations too (as with their hours there).
/// </summary>
internal static class LeaveLocationEndpoints
{
    /// <summary>How far ahead a leaving can be planned.</summary>
    private const int MaxDaysAhead = 731;

    private static readonly RecordRules<Therapist> Rules = Therapist.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<LeavingResponse>> LeaveAsync(
        Guid id, Guid locationId, LeaveLocationRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors().Require(request.LeavesOn is not null, "leavesOn", "Required: the first day they no longer work there (yyyy-MM-dd).").ThrowIfAny();
        user.EnsureCanAccess(locationId);
        var location = await LocationAsync(writer.Session, locationId, cancellationToken);
        var today = WeeklySchedule.LocalDate(time.GetUtcNow(), location.Zone);
        var leavesOn = request.LeavesOn!.Value;
        new InputErrors()
            .Require(leavesOn >= today, "leavesOn", $"Today ({today:yyyy-MM-dd}, at {location.Name}) at the earliest.")
            .Require(leavesOn.DayNumber - today.DayNumber <= MaxDaysAhead, "leavesOn", "At most two years ahead.")
            .ThrowIfAny();
        var write = await writer.LoadAsync(Rules, id, Audited.Update, cancellationToken, mayChange: therapist => therapist.MaySetHoursAt(locationId, user));
        var left = await write.CommitAsync(Decide(write.State), cancellationToken);
        return TypedResults.Ok(await RespondAsync(writer.Session, left.State, left.Version, location, leavesOn, time, cancellationToken));

        IReadOnlyList<object> Decide(Therapist therapist)
        {
            if (!therapist.LocationIds.Contains(locationId))
            {
                throw new ConflictException("Not working here", $"{therapist.Name} does not work at {location.Name}.");
            }

            if (therapist.LeavesOn(locationId) is { } planned && planned < today)
            {
                throw new ConflictException("Already left", $"{therapist.Name} left {location.Name} on {planned:yyyy-MM-dd}.");
            }

            return therapist.LeavesOn(locationId) == leavesOn ? [] : [new TherapistLeavingPlanned(id, locationId, leavesOn, time.GetUtcNow(), user.Id)];
        }
    }

    internal static async Task<Ok<LeavingResponse>> GetAsync(
        Guid id, Guid locationId, IQuerySession session, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        var location = await LocationAsync(session, locationId, cancellationToken);
        var therapist = await session.LoadAsync<Therapist>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Therapist");
        var leavesOn = therapist.LeavesOn(locationId) ?? throw new NotFoundException("No leaving", $"{therapist.Name} is not leaving {location.Name}.");
        return TypedResults.Ok(await RespondAsync(session, therapist, therapist.Version, location, leavesOn, time, cancellationToken));
    }

    internal static async Task<Ok<TherapistResponse>> CallOffAsync(
        Guid id, Guid locationId, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        var location = await LocationAsync(writer.Session, locationId, cancellationToken);
        var today = WeeklySchedule.LocalDate(time.GetUtcNow(), location.Zone);
        var write = await writer.LoadAsync(Rules, id, Audited.Update, cancellationToken, mayChange: therapist => therapist.MaySetHoursAt(locationId, user));
        var stays = await write.CommitAsync(write.State.LeavesOn(locationId) switch
        {
            null => throw new NotFoundException("No leaving", $"{write.State.Name} is not leaving {location.Name}."),
            { } day when day < today => throw new ConflictException(
                "Already left", $"{write.State.Name} left {location.Name} on {day:yyyy-MM-dd}: set their hours there again to bring them back."),
            { } day => [new TherapistLeavingCalledOff(id, locationId, day, time.GetUtcNow(), user.Id)],
        }, cancellationToken);
        return TypedResults.Ok(TherapistResponse.From(stays.State, stays.Version));
    }

    private static async Task<Location> LocationAsync(IQuerySession session, Guid locationId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Location>(locationId, cancellationToken) ?? throw PracticeRoles.NotFound("Location");

    /// <summary>The therapist's booked (or checked-in, not yet ended) appointments at the location from the day they leave.</summary>
    private static async Task<LeavingResponse> RespondAsync(
        IQuerySession session, Therapist therapist, long version, Location location, DateOnly leavesOn, TimeProvider time, CancellationToken cancellationToken)
    {
        var from = WeeklySchedule.ToInstant(leavesOn, TimeOnly.MinValue, location.Zone);
        var now = time.GetUtcNow();
        var theirs = await session.Query<Appointment>()
            .Where(a => a.TherapistId == therapist.Id && a.LocationId == location.Id && a.StartsAt >= from && a.EndsAt > now
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn))
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
        return new LeavingResponse(
            TherapistResponse.From(therapist, version), location.Id, leavesOn,
            [.. theirs.Select(a => new AppointmentToReassign(a.Id, WeeklySchedule.InZone(a.StartsAt, location.Zone), WeeklySchedule.InZone(a.EndsAt, location.Zone), a.ServiceCode))]);
    }
}
