using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Security;

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
        Guid id,
        RecordClearanceRequest request,
        HttpRequest http,
        IDocumentSession session,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var stream = await ClientAccess.ForWritingAsync(session, id, http, user, audit, ClientAccess.ScreeningResource, ifMatchRequired: false, cancellationToken);
        var events = ClientDecisions.GiveClearance(
            stream.Aggregate!,
            new ClearanceRequest(request.ClearanceId ?? Guid.CreateVersion7(), request.PhysicianName ?? string.Empty, request.Practice, request.ClearedOn, request.ExpiresOn, request.CoversRules),
            RuleSet.Current,
            new Actor(user.Id, time.GetUtcNow()));
        var version = await ClientAccess.CommitAsync(
            session, stream, events, audit,
            new AuditEntry("clearance", ClientAccess.ScreeningResource, id.ToString(), stream.Aggregate!.LocationId, id),
            cancellationToken);

        response.SetETag(version);
        return TypedResults.Ok(ScreeningResponse.From(events.Aggregate(stream.Aggregate!, AnsweringIntake.AnswerIntakeEndpoint.ApplyOne), RuleSet.Current));
    }
}
