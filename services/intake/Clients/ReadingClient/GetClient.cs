using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Intake.Clients.ReadingClient;

/// <summary><c>GET /api/intake/clients/{id}</c>: personal details, audited.</summary>
internal static class GetClientEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id,
        IQuerySession session,
        CurrentUser user,
        AuditLog audit,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var record = await ClientAccess.ForReadingAsync(session, id, user, audit, ClientAccess.ClientRecordResource, cancellationToken);
        response.SetETag(record.Version);
        return TypedResults.Ok(ClientResponse.From(record, record.Version));
    }
}
