namespace NmtPractice.Intake.Clients.GivingConsent;

/// <summary>A signed consent: to treatment or to the privacy policy.</summary>
public sealed record GiveConsentRequest(ConsentKind? Kind, string? PolicyVersion, string? SignerName, SignerRelationship? SignerRelationship, DateOnly? SignedOn);

/// <summary><c>POST /api/intake/clients/{id}/consents</c>: a treatment consent completes the screening.</summary>
internal static class GiveConsentEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id, GiveConsentRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var command = new GiveConsent(request.Kind, request.PolicyVersion, request.SignerName, request.SignerRelationship, request.SignedOn);
        var given = await writer.DecideOnTheLocationsDayAsync(
            id, new Audited("consent"), user.Id, time.GetUtcNow(),
            (record, actor) => ClientDecisions.GiveConsent(record, command, RuleSet.Current, actor),
            cancellationToken);
        return TypedResults.Ok(ClientResponse.From(given.State, given.Version));
    }
}
