using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Writing;

namespace NmtPractice.Intake.Clients.GettingScreening;

/// <summary><c>GET /api/intake/clients/{id}/screening</c>: every finding explained, audited.</summary>
internal static class GetScreeningEndpoint
{
    internal static async Task<Ok<ScreeningResponse>> Handle(
        Guid id,
        IQuerySession session,
        RecordReader reader,
        CancellationToken cancellationToken)
    {
        var record = await reader.ReadAsync(ClientAccess.Rules, id, await session.LoadAsync<ClientRecord>(id, cancellationToken), new Audited("read", ClientAccess.ScreeningResource), cancellationToken);
        return record.Screening is null
            ? throw new NotFoundException("Not screened yet", "The client has not answered the intake questionnaire.")
            : TypedResults.Ok(ScreeningResponse.From(record, RuleSet.Current));
    }
}
