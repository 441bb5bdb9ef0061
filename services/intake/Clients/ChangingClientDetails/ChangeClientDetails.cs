using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Intake.Clients.ChangingClientDetails;

/// <summary>The client's personal details, complete (a PUT replaces them).</summary>
public sealed record ChangeClientDetailsRequest(
    PersonName? Name,
    DateOnly? DateOfBirth,
    ContactDetails? Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician);

/// <summary><c>PUT /api/intake/clients/{id}</c> with <c>If-Match</c>.</summary>
internal static class ChangeClientDetailsEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id,
        ChangeClientDetailsRequest request,
        HttpRequest http,
        IDocumentSession session,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (request.Name is null || request.DateOfBirth is null || request.Contact is null)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                [request.Name is null ? "name" : request.DateOfBirth is null ? "dateOfBirth" : "contact"] = ["Required: a PUT sends the complete details."],
            });
        }

        var stream = await ClientAccess.ForWritingAsync(session, id, http, user, audit, ClientAccess.ClientRecordResource, ifMatchRequired: true, cancellationToken);
        var changed = ClientDecisions.ChangeDetails(
            stream.Aggregate!,
            new ClientDetails(request.Name, request.DateOfBirth.Value, request.Contact, request.EmergencyContact, request.Physician),
            new Actor(user.Id, time.GetUtcNow()));
        var version = await ClientAccess.CommitAsync(
            session, stream, [changed], audit,
            new AuditEntry("update", ClientAccess.ClientRecordResource, id.ToString(), stream.Aggregate!.LocationId, id),
            cancellationToken);

        response.SetETag(version);
        return TypedResults.Ok(ClientResponse.From(stream.Aggregate!.Apply(changed), version));
    }
}
