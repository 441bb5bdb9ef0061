using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Intake.Clients.RegisteringClient;

/// <summary>What the front desk sends to register a client.</summary>
public sealed record RegisterClientRequest(
    Guid? ClientId,
    Guid? LocationId,
    PersonName? Name,
    DateOnly? DateOfBirth,
    ContactDetails? Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician);

/// <summary><c>POST /api/intake/clients</c>.</summary>
internal static class RegisterClientEndpoint
{
    internal static async Task<Created<ClientResponse>> Handle(
        RegisterClientRequest request,
        IDocumentSession session,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.LocationId is null)
        {
            missing["locationId"] = ["Required."];
        }

        if (request.Name is null)
        {
            missing["name"] = ["Required."];
        }

        if (request.DateOfBirth is null)
        {
            missing["dateOfBirth"] = ["Required."];
        }

        if (request.Contact is null)
        {
            missing["contact"] = ["Give an email address or a phone number."];
        }

        if (missing.Count > 0)
        {
            throw new RequestValidationException(missing);
        }

        user.EnsureCanAccess(request.LocationId!.Value);
        var registered = ClientDecisions.Register(
            request.ClientId ?? Guid.CreateVersion7(),
            request.LocationId.Value,
            new ClientDetails(request.Name!, request.DateOfBirth!.Value, request.Contact!, request.EmergencyContact, request.Physician),
            new Actor(user.Id, time.GetUtcNow()));

        session.Events.StartStream<ClientRecord>(registered.ClientId, registered);
        audit.RecordWrite(session, new AuditEntry("create", ClientAccess.ClientRecordResource, registered.ClientId.ToString(), registered.LocationId, registered.ClientId));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            throw new ConflictException("Client id already used", "Another client already has this id.");
        }

        var record = ClientRecord.Create(registered);
        response.SetETag(record.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/clients/{record.Id}", ClientResponse.From(record, record.Version));
    }
}
