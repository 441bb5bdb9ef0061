namespace NmtPractice.Intake.Clients.RecordingClearance;

/// <summary>A physician's written clearance: who, when, until when, and which findings it covers (all that need one, when omitted).</summary>
public sealed record RecordClearanceRequest(
    Guid? ClearanceId,
    string? PhysicianName,
    string? Practice,
    DateOnly? ClearedOn,
    DateOnly? ExpiresOn,
    IReadOnlyList<string>? CoversRules);

/// <summary><c>POST /api/intake/clients/{id}/clearances</c>: the screening is decided again at once.</summary>
internal static class RecordClearanceEndpoint
{
    internal static async Task<Ok<ScreeningResponse>> Handle(
        Guid id, RecordClearanceRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var command = new GiveClearance(
            request.ClearanceId ?? Guid.CreateVersion7(), request.PhysicianName ?? string.Empty, request.Practice, request.ClearedOn, request.ExpiresOn, request.CoversRules);
        var cleared = await writer.DecideOnTheLocationsDayAsync(
            id, new Audited("clearance", ClientAccess.ScreeningResource), user.Id, time.GetUtcNow(),
            (record, actor) => ClientDecisions.GiveClearance(record, command, RuleSet.Current, actor),
            cancellationToken);
        return TypedResults.Ok(ScreeningResponse.From(cleared.State, RuleSet.Current));
    }
}
