using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

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
        Guid id,
        AnswerIntakeRequest request,
        HttpRequest http,
        IDocumentSession session,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        IOptions<IntakeOptions> options,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (request.Answers is null)
        {
            throw new RequestValidationException("answers", "Send the answers, keyed by question id.");
        }

        var stream = await ClientAccess.ForWritingAsync(session, id, http, user, audit, ClientAccess.IntakeResource, ifMatchRequired: false, cancellationToken);
        var events = ClientDecisions.AnswerIntake(
            stream.Aggregate!, request.Answers, Questionnaire.Current, RuleSet.Current, options.Value.ValidityMonths, new Actor(user.Id, time.GetUtcNow()));
        var version = await ClientAccess.CommitAsync(
            session, stream, events, audit,
            new AuditEntry("create", ClientAccess.IntakeResource, id.ToString(), stream.Aggregate!.LocationId, id),
            cancellationToken);

        var record = events.Aggregate(stream.Aggregate!, ApplyOne);
        response.SetETag(version);
        return TypedResults.Created(
            $"{ServiceInfo.RoutePrefix}/clients/{id}/intakes/{record.Intake!.Version}",
            new IntakeAnsweredResponse(id, record.Intake.Version, record.Intake.ValidUntil, ScreeningResponse.From(record, RuleSet.Current)));
    }

    internal static ClientRecord ApplyOne(ClientRecord record, object @event) => @event switch
    {
        IntakeAnswered answered => record.Apply(answered),
        ConsentGiven given => record.Apply(given),
        PhysicianClearanceGiven clearance => record.Apply(clearance),
        PhysicianClearanceLapsed lapsed => record.Apply(lapsed),
        IntakeLapsed lapsed => record.Apply(lapsed),
        ClientScreened screened => record.Apply(screened),
        ClientDetailsChanged changed => record.Apply(changed),
        _ => throw new InvalidOperationException($"Unexpected event {@event.GetType().Name}."),
    };
}
