using System.Collections.Immutable;
using System.Text.Json;
using CsCheck;
using NmtPractice.Contracts.Anatomy;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;

namespace NmtPractice.Intake.Tests;

/// <summary>Properties of screening over generated, valid intakes (thousands of them, shrunk on failure).</summary>
public sealed class ScreeningPropertyTests
{
    /// <summary>A complete, valid answer set to the current questionnaire, and the client's age.</summary>
    private static readonly Gen<(Dictionary<string, JsonElement> Answers, int Age)> Intakes =
        Questionnaire.Current.QuestionsById.Values
            .Aggregate(
                Gen.Const(ImmutableDictionary<string, JsonElement>.Empty),
                (answers, question) => Gen.Select(answers, AnswerTo(question), (set, answer) => answer is { } value ? set.Add(question.Id, value) : set))
            .Select(Gen.Int[18, 100], (answers, age) => (answers.ToDictionary(StringComparer.Ordinal), age));

    [Fact]
    public void Generated_intakes_are_valid_answers()
    {
        Intakes.Sample(
            intake => Assert.Empty(AnswerValidator.Validate(Questionnaire.Current, intake.Answers, IntakeAnswers.Today)),
            iter: 500);
    }

    [Fact]
    public void An_intake_with_any_absolute_contraindication_is_never_cleared()
    {
        Intakes.Sample(
            intake =>
            {
                var result = Screen(intake, []);
                if (result.Findings.Any(f => f.Category == FindingCategory.AbsoluteContraindication))
                {
                    Assert.Equal(ScreeningOutcome.Contraindicated, result.Outcome);
                }
            },
            iter: 3000);
    }

    [Fact]
    public void Even_a_clearance_covering_every_rule_never_clears_an_absolute_contraindication()
    {
        var everything = new ClearanceInForce(
            Guid.NewGuid(),
            [.. RuleSet.Current.Rules.Select(r => r.Id)],
            IntakeAnswers.Today.AddDays(-1),
            IntakeAnswers.Today.AddMonths(6));

        Intakes.Sample(
            intake =>
            {
                var result = Screen(intake, [everything]);
                var absolute = result.Findings.Any(f => f.Category == FindingCategory.AbsoluteContraindication);
                Assert.Equal(absolute, result.Outcome == ScreeningOutcome.Contraindicated);
                Assert.NotEqual(ScreeningOutcome.PhysicianClearanceRequired, result.Outcome);
            },
            iter: 2000);
    }

    [Fact]
    public void Cleared_means_no_finding_at_all()
    {
        var cleared = 0;
        Intakes.Sample(
            intake =>
            {
                var result = Screen(intake, []);
                Assert.Equal(result.Findings.Count == 0, result.Outcome == ScreeningOutcome.Cleared);
                if (result.Outcome == ScreeningOutcome.Cleared)
                {
                    Interlocked.Increment(ref cleared);
                }
            },
            iter: 4000);

        Assert.True(cleared > 0, "the generator never produced a client without findings");
    }

    [Fact]
    public void Local_contraindications_name_only_the_regions_the_client_gave()
    {
        Intakes.Sample(
            intake =>
            {
                var result = Screen(intake, []);
                Assert.All(result.RegionsToAvoid, region => Assert.True(BodyRegions.IsKnown(region)));
                Assert.All(
                    result.Findings.Where(f => f.Category == FindingCategory.LocalContraindication),
                    finding => Assert.NotEmpty(finding.RegionsToAvoid));
            },
            iter: 1000);
    }

    private static ScreeningResult Screen((Dictionary<string, JsonElement> Answers, int Age) intake, IReadOnlyCollection<ClearanceInForce> clearances) =>
        ScreeningEngine.Evaluate(RuleSet.Current, new AnswerSet(intake.Answers), IntakeAnswers.Today.AddYears(-intake.Age), IntakeAnswers.Today, clearances);

    /// <summary>A valid answer (or none, for an optional question) to one question.</summary>
    private static Gen<JsonElement?> AnswerTo(Question question)
    {
        var mustAnswer = question.Required || question.RequiredWhen is not null;
        Gen<JsonElement?> answer = question.Type switch
        {
            // Mostly "no", as in real intakes, so that clients with no finding at all are generated too.
            QuestionType.Boolean => Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))).Select(b => (JsonElement?)JsonSerializer.SerializeToElement(b)),
            QuestionType.Number => Gen.Int[(int)(question.Min ?? 0), (int)(question.Max ?? 100)].Select(n => (JsonElement?)JsonSerializer.SerializeToElement(n)),
            QuestionType.Date => Gen.Int[0, 1200].Select(days => (JsonElement?)JsonSerializer.SerializeToElement(IntakeAnswers.Today.AddDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            QuestionType.Text => Gen.Const((JsonElement?)JsonSerializer.SerializeToElement("Some words")),
            QuestionType.Choice => Gen.Int[0, question.Options!.Count - 1].Select(i => (JsonElement?)JsonSerializer.SerializeToElement(question.Options![i])),
            QuestionType.MultiChoice => Gen.Int[0, question.Options!.Count - 1].ArrayUnique[mustAnswer ? 1 : 0, question.Options!.Count]
                .Select(picks => (JsonElement?)JsonSerializer.SerializeToElement(picks.Select(i => question.Options![i]).ToArray())),
            QuestionType.Regions => Gen.Int[0, BodyRegions.All.Count - 1].ArrayUnique[mustAnswer ? 1 : 0, 3]
                .Select(picks => (JsonElement?)JsonSerializer.SerializeToElement(picks.Select(i => BodyRegions.All[i].Code).ToArray())),
            _ => throw new InvalidOperationException($"No generator for {question.Type}."),
        };
        return mustAnswer ? answer : Gen.Frequency((1, answer), (2, Gen.Const((JsonElement?)null)));
    }
}
