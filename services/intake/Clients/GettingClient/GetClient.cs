using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Writing;

namespace NmtPractice.Intake.Clients.GettingClient;

/// <summary><c>GET /api/intake/clients/{id}</c>: personal details, audited.</summary>
internal static class GetClientEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id,
        IQuerySession session,
        RecordReader reader,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var record = await reader.ReadAsync(ClientAccess.Rules, id, await session.LoadAsync<ClientRecord>(id, cancellationToken), Audited.Read, cancellationToken);
        response.SetETag(record.Version);
        return TypedResults.Ok(ClientResponse.From(record, record.Version));
    }
}
