namespace NmtPractice.Scheduling.Practice.Locations.ChangingClosures;

public sealed record ShortenClosureRequest(DateOnly? From, DateOnly? To);

/// <summary>
/// <c>PUT /api/scheduling/locations/{id}/closures/{closureId}</c> shortens a closure (new dates within
/// the old ones: the clinic reopens sooner or closes later); <c>DELETE</c> calls it off. Both take
/// <c>If-Match</c> and are published, so reporting counts the days as open again. A longer closure is
/// scheduled as a new one.
/// </summary>
internal static class ChangeClosuresEndpoints
{
    private static readonly RecordRules<Location> Rules = Location.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<LocationResponse>> ShortenAsync(
        Guid id, Guid closureId, ShortenClosureRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors().Period(request.From, request.To, endMayEqualStart: true, (from, to) => to.DayNumber - from.DayNumber < 366).ThrowIfAny();
        var (from, to) = (request.From!.Value, request.To!.Value);
        var shortened = await writer.WriteAsync(Rules, id, Audited.Update, location =>
        {
            var closure = ClosureOf(location, closureId);
            var within = $"A closure is only shortened (within {closure.From:yyyy-MM-dd} to {closure.To:yyyy-MM-dd}); schedule another closure for more days.";
            new InputErrors().Require(from >= closure.From, "from", within).Require(to <= closure.To, "to", within).ThrowIfAny();

            return [new ClosureShortened(id, closureId, from, to, time.GetUtcNow(), user.Id)];
        }, cancellationToken);
        return TypedResults.Ok(LocationResponse.From(shortened.State, shortened.Version));
    }

    internal static async Task<Ok<LocationResponse>> RemoveAsync(
        Guid id, Guid closureId, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var removed = await writer.WriteAsync(Rules, id, Audited.Update, location =>
        {
            var closure = ClosureOf(location, closureId);
            return [new ClosureRemoved(id, closureId, closure.From, closure.To, time.GetUtcNow(), user.Id)];
        }, cancellationToken);
        return TypedResults.Ok(LocationResponse.From(removed.State, removed.Version));
    }

    private static Closure ClosureOf(Location location, Guid closureId) =>
        location.Closures.FirstOrDefault(c => c.Id == closureId)
            ?? throw new NotFoundException("Closure not found", "The location has no closure with this id (it may have been called off).");
}
