using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
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
        if (request.Kind is null || request.SignerRelationship is null || request.SignedOn is null)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                [request.Kind is null ? "kind" : request.SignerRelationship is null ? "signerRelationship" : "signedOn"] =
                    [request.Kind is null ? "treatment or privacy." : request.SignerRelationship is null ? "self, parent, guardian or representative." : "Required."],
            });
        }

        var stream = await ClientAccess.ForWritingAsync(session, id, http, user, audit, ClientAccess.ClientRecordResource, ifMatchRequired: false, cancellationToken);
        var events = ClientDecisions.GiveConsent(
            stream.Aggregate!, request.Kind.Value, request.PolicyVersion, request.SignerName, request.SignerRelationship.Value,
            request.SignedOn.Value, RuleSet.Current, new Actor(user.Id, time.GetUtcNow()));
        var version = await ClientAccess.CommitAsync(
            session, stream, events, audit,
            new AuditEntry("consent", ClientAccess.ClientRecordResource, id.ToString(), stream.Aggregate!.LocationId, id),
            cancellationToken);

        response.SetETag(version);
        return TypedResults.Ok(ClientResponse.From(events.Aggregate(stream.Aggregate!, AnsweringIntake.AnswerIntakeEndpoint.ApplyOne), version));
    }
}
