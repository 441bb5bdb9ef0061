using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Intake.Clients.ReadingScreening;

/// <summary><c>GET /api/intake/clients/{id}/screening</c>: every finding explained, audited.</summary>
internal static class GetScreeningEndpoint
{
    internal static async Task<Ok<ScreeningResponse>> Handle(
        Guid id,
        IQuerySession session,
        CurrentUser user,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        var record = await ClientAccess.ForReadingAsync(session, id, user, audit, ClientAccess.ScreeningResource, cancellationToken);
        return record.Screening is null
            ? throw new NotFoundException("Not screened yet", "The client has not answered the intake questionnaire.")
            : TypedResults.Ok(ScreeningResponse.From(record, RuleSet.Current));
    }
}
