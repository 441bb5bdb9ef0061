using AnswerIntake = NmtPractice.Intake.Clients.AnswerIntake;
using GiveConsent = NmtPractice.Intake.Clients.GiveConsent;
using RegisterClient = NmtPractice.Intake.Clients.RegisterClient;
using NmtPractice.Intake.Clients;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Intake.Tests;

/// <summary>Given a client record, when a command, then these events (pure).</summary>
public sealed class ClientDecisionsTests
{
    private static readonly Actor Desk = new("user-desk", new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));

    private static ClientRecord Registered() => ClientRecord.Create(ClientDecisions.Register(
        new RegisterClient(
            Guid.NewGuid(),
            Guid.NewGuid(),
            new ClientDetails(new PersonName("Dana", "Reyes", null), new DateOnly(1985, 5, 1), new ContactDetails("dana@example.org", null), null, null)),
        Desk));

    private static ClientRecord Apply(ClientRecord record, IEnumerable<object> events) =>
        events.Aggregate(record, (current, change) => current.After(change));

    [Fact]
    public void A_date_entered_as_the_locations_day_is_not_in_the_future_when_that_day_is_already_tomorrow_in_utc()
    {
        // 23:50 UTC: at a location on UTC+10 it is already 25 November.
        var lateEvening = new Actor("user-desk", new DateTimeOffset(2026, 11, 24, 23, 50, 0, TimeSpan.Zero));
        var record = Registered();
        GiveConsent SignedOn(DateOnly day) => new(ConsentKind.Privacy, "2026-01", "Dana Reyes", SignerRelationship.Self, day);

        var localToday = ClientDecisions.GiveConsent(record, SignedOn(new DateOnly(2026, 11, 25)), RuleSet.Current, lateEvening);
        var dayAfter = Assert.Throws<RequestValidationException>(() => ClientDecisions.GiveConsent(record, SignedOn(new DateOnly(2026, 11, 26)), RuleSet.Current, lateEvening));
        var tomorrowAtNoon = Assert.Throws<RequestValidationException>(() => ClientDecisions.GiveConsent(record, SignedOn(new DateOnly(2026, 11, 25)), RuleSet.Current, Desk with { Now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero) }));

        Assert.Equal(new DateOnly(2026, 11, 25), Assert.IsType<ConsentGiven>(Assert.Single(localToday)).SignedOn);
        Assert.Equal(["signedOn"], dayAfter.Errors.Keys);
        Assert.Equal(["signedOn"], tomorrowAtNoon.Errors.Keys);
        Assert.Equal((new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25)), (lateEvening.Today, lateEvening.LatestToday));
    }

    [Fact]
    public void A_decision_dates_by_the_day_of_the_clients_clinic()
    {
        // 20:00 UTC on 24 November is 25 November in Sydney and still 24 November in New York.
        var evening = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(new DateOnly(2026, 11, 25), new Actor("u", evening, sydney).Today);
        Assert.Equal(new DateOnly(2026, 11, 24), new Actor("u", evening, newYork).Today);
        Assert.Equal(new DateOnly(2026, 11, 24), new Actor("u", evening).Today);

        var cleared = ClientDecisions.Lapse(
            Registered() with { Clearances = [new ClearanceOnRecord(Guid.NewGuid(), "Dr. Ames", null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 24), ["CLR-CANCER"], false)] },
            RuleSet.Current, new Actor("u", evening, sydney));
        var stillValid = ClientDecisions.Lapse(
            Registered() with { Clearances = [new ClearanceOnRecord(Guid.NewGuid(), "Dr. Ames", null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 24), ["CLR-CANCER"], false)] },
            RuleSet.Current, new Actor("u", evening, newYork));
        Assert.IsType<PhysicianClearanceLapsed>(Assert.Single(cleared));
        Assert.Empty(stillValid);
    }

    [Fact]
    public void A_date_answer_of_the_locations_day_is_not_in_the_future_either()
    {
        var lateEvening = new Actor("user-desk", new DateTimeOffset(2026, 11, 24, 23, 50, 0, TimeSpan.Zero));
        IReadOnlyList<object> Answer(string day, Actor actor) =>
            ClientDecisions.AnswerIntake(Registered(), new AnswerIntake(IntakeAnswers.Healthy(("heart_attack_date", day))), Questionnaire.Current, RuleSet.Current, 12, actor);

        Assert.NotEmpty(Answer("2026-11-25", lateEvening));
        Assert.Equal(["answers.heart_attack_date"], Assert.Throws<RequestValidationException>(() => Answer("2026-11-26", lateEvening)).Errors.Keys);
        Assert.Equal(["answers.heart_attack_date"], Assert.Throws<RequestValidationException>(() => Answer("2026-11-25", Desk with { Now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero) })).Errors.Keys);
    }

    [Fact]
    public void Registration_refuses_bad_details_naming_each_field()
    {
        var error = Assert.Throws<RequestValidationException>(() => ClientDecisions.Register(
            new RegisterClient(
                Guid.NewGuid(),
                Guid.Empty,
                new ClientDetails(new PersonName(" ", "R", null), new DateOnly(2030, 1, 1), new ContactDetails("not-an-email", "12"), new EmergencyContact("Sam", "", "x"), null)),
            Desk));

        Assert.Equal(
            ["contact.email", "contact.phone", "dateOfBirth", "emergencyContact.phone", "emergencyContact.relationship", "locationId", "name.given"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_intake_without_treatment_consent_is_screened_but_not_complete()
    {
        var events = ClientDecisions.AnswerIntake(Registered(), new AnswerIntake(IntakeAnswers.Healthy()), Questionnaire.Current, RuleSet.Current, 12, Desk);

        var answered = Assert.IsType<IntakeAnswered>(events[0]);
        var screened = Assert.IsType<ClientScreened>(events[1]);
        Assert.Equal(1, answered.IntakeVersion);
        Assert.Equal(new DateOnly(2027, 11, 24), answered.ValidUntil);
        Assert.Equal(ScreeningOutcome.Cleared, screened.Outcome);
        Assert.False(screened.Complete);
    }

    [Fact]
    public void Treatment_consent_completes_the_screening_and_privacy_consent_does_not()
    {
        var record = Apply(Registered(), ClientDecisions.AnswerIntake(Registered(), new AnswerIntake(IntakeAnswers.Healthy()), Questionnaire.Current, RuleSet.Current, 12, Desk));

        var privacy = ClientDecisions.GiveConsent(record, new GiveConsent(ConsentKind.Privacy, "2026-01", "Dana Reyes", SignerRelationship.Self, Desk.Today), RuleSet.Current, Desk);
        var treatment = ClientDecisions.GiveConsent(record, new GiveConsent(ConsentKind.Treatment, "2026-01", "Dana Reyes", SignerRelationship.Self, Desk.Today), RuleSet.Current, Desk);

        Assert.Single(privacy);
        var screened = Assert.IsType<ClientScreened>(treatment[1]);
        Assert.True(screened.Complete);
        Assert.Equal(2, screened.ScreeningNumber);
    }

    [Fact]
    public void A_health_update_is_a_new_intake_version()
    {
        var record = Registered();
        record = Apply(record, ClientDecisions.AnswerIntake(record, new AnswerIntake(IntakeAnswers.Healthy()), Questionnaire.Current, RuleSet.Current, 12, Desk));

        var update = ClientDecisions.AnswerIntake(record, new AnswerIntake(IntakeAnswers.Healthy(("osteoporosis", true))), Questionnaire.Current, RuleSet.Current, 12, Desk);

        Assert.Equal(2, Assert.IsType<IntakeAnswered>(update[0]).IntakeVersion);
        Assert.Equal(ScreeningOutcome.ClearedWithPrecautions, Assert.IsType<ClientScreened>(update[1]).Outcome);
    }

    [Fact]
    public void A_clearance_clears_what_needed_one_and_lapses_back()
    {
        var record = Registered();
        record = Apply(record, ClientDecisions.AnswerIntake(record, new AnswerIntake(IntakeAnswers.Healthy(("anticoagulants", true))), Questionnaire.Current, RuleSet.Current, 12, Desk));
        Assert.Equal(ScreeningOutcome.PhysicianClearanceRequired, record.Screening!.Outcome);

        var clearance = ClientDecisions.GiveClearance(
            record, new GiveClearance(Guid.NewGuid(), "Dr. Ames", null, Desk.Today.AddDays(-2), Desk.Today.AddMonths(3), null), RuleSet.Current, Desk);
        var given = Assert.IsType<PhysicianClearanceGiven>(clearance[0]);
        Assert.Equal(["CLR-ANTICOAGULANTS"], given.CoversRules);
        var cleared = Assert.IsType<ClientScreened>(clearance[1]);
        Assert.Equal(ScreeningOutcome.ClearedWithPrecautions, cleared.Outcome);
        Assert.Equal(Desk.Today.AddMonths(3), cleared.ClearanceValidUntil);

        record = Apply(record, clearance);
        var later = Desk with { Now = Desk.Now.AddMonths(3).AddDays(1) };
        var lapse = ClientDecisions.Lapse(record, RuleSet.Current, later);

        Assert.IsType<PhysicianClearanceLapsed>(lapse[0]);
        Assert.Equal(ScreeningOutcome.PhysicianClearanceRequired, Assert.IsType<ClientScreened>(lapse[1]).Outcome);
        Assert.Empty(ClientDecisions.Lapse(Apply(record, lapse), RuleSet.Current, later));
    }

    [Fact]
    public void An_intake_lapses_after_its_validity()
    {
        var record = Registered();
        record = Apply(record, ClientDecisions.AnswerIntake(record, new AnswerIntake(IntakeAnswers.Healthy()), Questionnaire.Current, RuleSet.Current, 12, Desk));

        Assert.Empty(ClientDecisions.Lapse(record, RuleSet.Current, Desk with { Now = Desk.Now.AddMonths(12) }));
        var lapse = ClientDecisions.Lapse(record, RuleSet.Current, Desk with { Now = Desk.Now.AddMonths(12).AddDays(1) });

        Assert.Equal(1, Assert.IsType<IntakeLapsed>(Assert.Single(lapse)).IntakeVersion);
    }

    [Fact]
    public void A_clearance_must_be_plausible_and_needed()
    {
        var record = Registered();
        record = Apply(record, ClientDecisions.AnswerIntake(record, new AnswerIntake(IntakeAnswers.Healthy()), Questionnaire.Current, RuleSet.Current, 12, Desk));

        var invalid = Assert.Throws<RequestValidationException>(() => ClientDecisions.GiveClearance(
            record, new GiveClearance(Guid.NewGuid(), "", null, Desk.Today.AddDays(2), Desk.Today.AddDays(-1), ["ABS-FEVER"]), RuleSet.Current, Desk));
        Assert.Equal(["clearedOn", "coversRules", "expiresOn", "physicianName"], invalid.Errors.Keys.Order(StringComparer.Ordinal));

        Assert.Throws<ConflictException>(() => ClientDecisions.GiveClearance(
            record, new GiveClearance(Guid.NewGuid(), "Dr. Ames", null, Desk.Today, Desk.Today.AddMonths(1), null), RuleSet.Current, Desk));
    }

    [Fact]
    public void A_merge_closes_the_duplicate_and_names_it_on_the_record_that_stays()
    {
        var survivor = Registered();
        var duplicate = Registered();
        var admin = new Actor("user-ops", Desk.Now);

        var (mergedIn, mergedAway) = ClientDecisions.Merge(survivor, duplicate, new MergeClient(duplicate.Id, "  Same person  "), admin);

        Assert.Equal(new ClientMergedIn(survivor.Id, duplicate.Id, "Same person", Desk.Now, "user-ops"), mergedIn);
        Assert.Equal(new ClientMergedAway(duplicate.Id, survivor.Id, "Same person", Desk.Now, "user-ops"), mergedAway);
        Assert.Equal([duplicate.Id], Apply(survivor, [mergedIn]).Duplicates);
        var closed = Apply(duplicate, [mergedAway]);
        Assert.Equal(survivor.Id, closed.MergedInto);

        // A closed record takes no change, lapses no more and merges no more, either way round.
        var changes = new Action[]
        {
            () => ClientDecisions.GiveConsent(closed, new GiveConsent(ConsentKind.Privacy, "2026-01", "Dana Reyes", SignerRelationship.Self, Desk.Today), RuleSet.Current, Desk),
            () => ClientDecisions.AnswerIntake(closed, new AnswerIntake(IntakeAnswers.Healthy()), Questionnaire.Current, RuleSet.Current, 12, Desk),
            () => ClientDecisions.ChangeDetails(closed, new ChangeClientDetails(new ClientDetails(new PersonName("Dana", "Reyes", null), new DateOnly(1985, 5, 1), new ContactDetails("dana@example.org", null), null, null)), Desk),
            () => ClientDecisions.GiveClearance(closed, new GiveClearance(Guid.NewGuid(), "Dr. Ames", null, Desk.Today, Desk.Today.AddMonths(6), null), RuleSet.Current, Desk),
            () => ClientDecisions.Merge(survivor, closed, new MergeClient(closed.Id, "again"), admin),
            () => ClientDecisions.Merge(closed, Registered(), new MergeClient(Guid.NewGuid(), "into a closed one"), admin),
        };
        foreach (var change in changes)
        {
            var refused = Assert.Throws<ConflictException>(change);
            Assert.Equal("Client merged", refused.Title);
            Assert.Equal(survivor.Id, refused.Extensions["mergedInto"]);
        }

        Assert.Empty(ClientDecisions.Lapse(closed with { Intake = new CurrentIntake(1, "q", 1, new Dictionary<string, System.Text.Json.JsonElement>(), Desk.Today.AddDays(-2), Desk.Now.AddYears(-1), false) }, RuleSet.Current, Desk));
    }

    [Fact]
    public void A_merge_needs_two_records_and_a_reason()
    {
        var record = Registered();

        var itself = Assert.Throws<RequestValidationException>(() => ClientDecisions.Merge(record, record, new MergeClient(record.Id, null), Desk));
        var tooLong = Assert.Throws<RequestValidationException>(() => ClientDecisions.Merge(record, Registered(), new MergeClient(Guid.NewGuid(), new string('x', 501)), Desk));

        Assert.Equal(["duplicateId", "reason"], itself.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["reason"], tooLong.Errors.Keys);
    }

    [Fact]
    public void The_display_name_is_first_name_and_initial_only()
    {
        Assert.Equal("Dana R.", IntakeIntegrationEvents.DisplayName(new PersonName("Dana", "reyes", null)));
        Assert.Equal("Dee R.", IntakeIntegrationEvents.DisplayName(new PersonName("Dana", "Reyes", "Dee")));
    }
}
