using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Intake.Clients.GivingConsent;

/// <summary>A signed consent: to treatment or to the privacy policy.</summary>
public sealed record GiveConsentRequest(ConsentKind? Kind, string? PolicyVersion, string? SignerName, SignerRelationship? SignerRelationship, DateOnly? SignedOn);

/// <summary><c>POST /api/intake/clients/{id}/consents</c>: a treatment consent completes the screening.</summary>
internal static class GiveConsentEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id,
        GiveConsentRequest request,
        HttpRequest http,
        IDocumentSession session,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var stream = await ClientAccess.ForWritingAsync(session, id, http, user, audit, ClientAccess.ClientRecordResource, ifMatchRequired: false, cancellationToken);
        var events = ClientDecisions.GiveConsent(
            stream.Aggregate!, request.Kind, request.PolicyVersion, request.SignerName, request.SignerRelationship,
            request.SignedOn, RuleSet.Current, new Actor(user.Id, time.GetUtcNow()));
        var version = await ClientAccess.CommitAsync(
            session, stream, events, audit,
            new AuditEntry("consent", ClientAccess.ClientRecordResource, id.ToString(), stream.Aggregate!.LocationId, id),
            cancellationToken);

        response.SetETag(version);
        return TypedResults.Ok(ClientResponse.From(events.Aggregate(stream.Aggregate!, AnsweringIntake.AnswerIntakeEndpoint.ApplyOne), version));
    }
}
