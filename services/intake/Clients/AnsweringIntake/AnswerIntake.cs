using System.Text.Json;
using Microsoft.Extensions.Options;

namespace NmtPractice.Intake.Clients.AnsweringIntake;

/// <summary>The answers to the current questionnaire, keyed by question id.</summary>
public sealed record AnswerIntakeRequest(Dictionary<string, JsonElement>? Answers);

/// <summary>
/// <c>POST /api/intake/clients/{id}/intakes</c>: a new intake version (a health update keeps the
/// earlier ones readable), screened at once against the current rule set.
/// </summary>
internal static class AnswerIntakeEndpoint
{
    internal static async Task<Created<IntakeAnsweredResponse>> Handle(
        Guid id, AnswerIntakeRequest request, RecordWriter writer, CurrentUser user, TimeProvider time,
        IOptions<IntakeOptions> options, CancellationToken cancellationToken)
    {
        if (request.Answers is null)
        {
            throw new RequestValidationException("answers", "Send the answers, keyed by question id.");
        }

        var answered = await writer.DecideOnTheLocationsDayAsync(
            id, new Audited("create", ClientAccess.IntakeResource), user.Id, time.GetUtcNow(),
            (record, actor) => ClientDecisions.AnswerIntake(record, new AnswerIntake(request.Answers), Questionnaire.Current, RuleSet.Current, options.Value.ValidityMonths, actor),
            cancellationToken);

        var record = answered.State;
        return TypedResults.Created(
            $"{ServiceInfo.RoutePrefix}/clients/{id}/intakes/{record.Intake!.Version}",
            new IntakeAnsweredResponse(id, record.Intake.Version, record.Intake.ValidUntil, ScreeningResponse.From(record, RuleSet.Current)));
    }
}
