namespace NmtPractice.Intake.Clients.GettingScreening;

/// <summary><c>GET /api/intake/clients/{id}/screening</c>: every finding explained, audited.</summary>
internal static class GetScreeningEndpoint
{
    internal static async Task<Ok<ScreeningResponse>> Handle(Guid id, RecordReader reader, CancellationToken cancellationToken)
    {
        var record = await reader.ReadAsync(ClientAccess.Rules, id, new Audited("read", ClientAccess.ScreeningResource), cancellationToken);
        return record.Screening is null
            ? throw new NotFoundException("Not screened yet", "The client has not answered the intake questionnaire.")
            : TypedResults.Ok(ScreeningResponse.From(record, RuleSet.Current));
    }
}
