namespace NmtPractice.Scheduling.Practice.Therapists.ChangingTimeOff;

public sealed record ShortenTimeOffRequest(DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// <c>PUT /api/scheduling/therapists/{id}/time-off/{timeOffId}</c> shortens time off (a span within the
/// old one: the therapist is back sooner or leaves later); <c>DELETE</c> calls it off. Both take
/// <c>If-Match</c> and are published, so reporting counts the hours as available again. Longer time
/// off is booked as new time off (which lists the appointments it overlaps).
/// </summary>
internal static class ChangeTimeOffEndpoints
{
    private static readonly RecordRules<Therapist> Rules = Therapist.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<TherapistResponse>> ShortenAsync(
        Guid id, Guid timeOffId, ShortenTimeOffRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors().Period(request.From, request.To, endMayEqualStart: false, (from, to) => to - from <= TimeSpan.FromDays(366)).ThrowIfAny();
        var (from, to) = (request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime());
        var shortened = await writer.WriteAsync(Rules, id, Audited.Update, therapist =>
        {
            var off = TimeOffOf(therapist, timeOffId);
            var within = $"Time off is only shortened (within {off.From:O} to {off.To:O}); book more time off for a longer absence.";
            new InputErrors().Require(from >= off.From, "from", within).Require(to <= off.To, "to", within).ThrowIfAny();
            return [new TimeOffShortened(id, timeOffId, from, to, time.GetUtcNow(), user.Id)];
        }, cancellationToken);
        return TypedResults.Ok(TherapistResponse.From(shortened.State, shortened.Version));
    }

    internal static async Task<Ok<TherapistResponse>> RemoveAsync(
        Guid id, Guid timeOffId, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var removed = await writer.WriteAsync(Rules, id, Audited.Update, therapist =>
        {
            var off = TimeOffOf(therapist, timeOffId);
            return [new TimeOffRemoved(id, timeOffId, off.From, off.To, time.GetUtcNow(), user.Id)];
        }, cancellationToken);
        return TypedResults.Ok(TherapistResponse.From(removed.State, removed.Version));
    }

    private static TimeOff TimeOffOf(Therapist therapist, Guid timeOffId) =>
        therapist.TimeOff.FirstOrDefault(t => t.Id == timeOffId)
            ?? throw new NotFoundException("Time off not found", "The therapist has no time off with this id (it may have been called off).");
}
