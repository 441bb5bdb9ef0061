namespace NmtPractice.Intake.Clients.GettingClient;

/// <summary><c>GET /api/intake/clients/{id}</c>: personal details, audited.</summary>
internal static class GetClientEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(Guid id, RecordReader reader, HttpResponse response, CancellationToken cancellationToken)
    {
        var record = await reader.ReadAsync(ClientAccess.Rules, id, Audited.Read, cancellationToken);
        response.SetETag(record.Version);
        return TypedResults.Ok(ClientResponse.From(record, record.Version));
    }
}
