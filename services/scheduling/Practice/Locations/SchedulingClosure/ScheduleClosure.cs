namespace NmtPractice.Scheduling.Practice.Locations.SchedulingClosure;

public sealed record ScheduleClosureRequest(DateOnly? From, DateOnly? To, string? Reason);

/// <summary><c>POST /api/scheduling/locations/{id}/closures</c>: the location is closed on these local dates (at most a year).</summary>
internal static class ScheduleClosureEndpoint
{
    internal static async Task<Ok<LocationResponse>> Handle(
        Guid id, ScheduleClosureRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Period(request.From, request.To, endMayEqualStart: true, (from, to) => to.DayNumber - from.DayNumber < 366)
            .Text("reason", request.Reason, 200)
            .ThrowIfAny();
        var scheduled = await writer.WriteAsync(
            Location.Rules, id, Audited.Update,
            _ => [new ClosureScheduled(id, Guid.CreateVersion7(), request.From!.Value, request.To!.Value, request.Reason!.Trim(), time.GetUtcNow(), user.Id)],
            cancellationToken);
        return TypedResults.Ok(LocationResponse.From(scheduled.State, scheduled.Version));
    }
}
