namespace NmtPractice.Intake.Clients.GettingIntake;

/// <summary>
/// <c>GET /api/intake/clients/{id}/intakes/latest</c> and <c>.../intakes/{version}</c>: the answers of
/// any intake version, read from the event stream (every version stays readable), audited.
/// </summary>
internal static class GetIntakeEndpoint
{
    internal static Task<Ok<IntakeResponse>> Latest(Guid id, IQuerySession session, RecordReader reader, CancellationToken cancellationToken) =>
        ReadAsync(id, version: null, session, reader, cancellationToken);

    internal static Task<Ok<IntakeResponse>> Version(Guid id, int version, IQuerySession session, RecordReader reader, CancellationToken cancellationToken) =>
        ReadAsync(id, version, session, reader, cancellationToken);

    private static async Task<Ok<IntakeResponse>> ReadAsync(Guid id, int? version, IQuerySession session, RecordReader reader, CancellationToken cancellationToken)
    {
        var record = await reader.ReadAsync(ClientAccess.Rules, id, new Audited("read", ClientAccess.IntakeResource), cancellationToken);
        var current = record.Intake?.Version ?? throw new NotFoundException("No intake yet", "This client has not answered the intake questionnaire.");
        var wanted = version ?? current;
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        var answered = events.Select(e => e.Data).OfType<IntakeAnswered>().SingleOrDefault(i => i.IntakeVersion == wanted)
            ?? throw new NotFoundException("No such intake version", $"This client's intake versions are 1 to {current}.");
        return TypedResults.Ok(new IntakeResponse(
            id, answered.IntakeVersion, answered.QuestionnaireId, answered.QuestionnaireVersion, answered.Answers,
            answered.ValidUntil, answered.AnsweredAt, answered.RecordedBy, answered.IntakeVersion == current));
    }
}
