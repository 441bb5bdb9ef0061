using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;
using NmtPractice.Contracts.TreatmentRecords;
using static NmtPractice.OutcomeReporting.Tests.OutcomeEvents;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>
/// Signed sessions published on RabbitMQ, through the real consumers and projections, checked
/// against figures worked out by hand. Five clients at one location (the default minimum group):
/// <code>
/// client  sessions (date: before->after, techniques)                       course (baseline, later pain before)
/// C1      02-01 8->5 AIC;          02-08 5->3 AIC                            8; 5 = -3 (37%) reached after 1
/// C2      02-02 6->4 AIC+MS(flag); 02-09 5->4 MS (therapist 2)               6; 5 = -1       not reached
/// C3      02-03 7->6 AIC (t2);     03-03 4->2 PIC(flag) (t2)                 7; 4 = -3 (43%) reached after 1
/// C4      02-04 1->0 AIC                                                     1: no room for a meaningful drop
/// C5      02-05 9->7, 02-12 8->6, 02-19 6->5, all AIC (t2)                   9; 8 = -1, 6 = -3 (33%) reached after 2
/// </code>
/// </summary>
public sealed class ClinicalOutcomesTests(OutcomeReportingFixture fixture) : IClassFixture<OutcomeReportingFixture>
{
    private const string Aic = "alternating-ischemic-compression";
    private const string Ms = "muscle-stripping";
    private const string Pic = "prolonged-ischemic-compression";

    private readonly Guid _location = Guid.CreateVersion7();
    private readonly Guid _therapist1 = Guid.CreateVersion7();
    private readonly Guid _therapist2 = Guid.CreateVersion7();

    private HttpClient Manager => fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);

    private string View(string by, string from = "2027-02-01", string to = "2027-03-31") =>
        $"/api/outcomes/clinical?from={from}&to={to}&locationId={_location}&by={by}";

    private async Task PublishCourseAsync()
    {
        var c = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToArray();
        SessionSigned Session(int client, Guid therapist, int month, int day, int before, int after, params TechniqueSummary[] techniques) =>
            Signed(c[client], _location, therapist, new DateOnly(2027, month, day), before, after, techniques);

        await fixture.Bus.PublishInOrderAsync(
            Session(0, _therapist1, 2, 1, 8, 5, Technique(Aic)),
            Session(0, _therapist1, 2, 8, 5, 3, Technique(Aic)),
            Session(1, _therapist1, 2, 2, 6, 4, Technique(Aic), Technique(Ms, safetyFlag: true)),
            Session(1, _therapist2, 2, 9, 5, 4, Technique(Ms)),
            Session(2, _therapist2, 2, 3, 7, 6, Technique(Aic)),
            Session(2, _therapist2, 3, 3, 4, 2, Technique(Pic, safetyFlag: true)),
            Session(3, _therapist1, 2, 4, 1, 0, Technique(Aic)),
            Session(4, _therapist2, 2, 5, 9, 7, Technique(Aic)),
            Session(4, _therapist2, 2, 12, 8, 6, Technique(Aic)),
            Session(4, _therapist2, 2, 19, 6, 5, Technique(Aic)));
    }

    private static void AssertFigures(ClinicalOutcomeRowView row, int clients, int sessions, double before, double after, double change, int flags, int courses, int reaching, double? share, double? toReach)
    {
        Assert.False(row.Suppressed);
        Assert.Equal(
            (clients, sessions, before, after, change, flags, courses, reaching, share, toReach),
            (row.Clients!.Value, row.Sessions!.Value, row.MeanPainBefore!.Value, row.MeanPainAfter!.Value,
             row.MeanWithinSessionChange!.Value, row.SafetyFlags!.Value, row.Courses!.Value,
             row.CoursesReachingImprovement!.Value, row.ShareReachingImprovement, row.MeanSessionsToReach));
    }

    private static void AssertSuppressed(ClinicalOutcomeRowView row)
    {
        Assert.True(row.Suppressed);
        Assert.Null(row.Clients);
        Assert.Null(row.MeanWithinSessionChange);
        Assert.Null(row.ShareReachingImprovement);
    }

    [Fact]
    public async Task Outcomes_per_location_technique_therapist_and_month_match_the_hand_worked_figures()
    {
        await PublishCourseAsync();
        using var manager = Manager;

        var byLocation = await manager.WaitForViewAsync<ClinicalOutcomesView>(View("location"), body => body.Total.Sessions == 10);
        // Pain before 59/10, after 42/10; courses C1, C2, C3, C5 evaluable, C1, C3, C5 reached after 1, 1 and 2 sessions.
        AssertFigures(byLocation.Row(_location.ToString()), 5, 10, 5.9, 4.2, 1.7, 2, 4, 3, 0.75, 1.33);
        AssertFigures(byLocation.Total, 5, 10, 5.9, 4.2, 1.7, 2, 4, 3, 0.75, 1.33);
        Assert.Equal((2, 30), (byLocation.Improvement.MinimumPoints, byLocation.Improvement.MinimumPercent));

        var byTechnique = await manager.ReadAsync<ClinicalOutcomesView>(View("technique"));
        // AIC in 8 sessions of all 5 clients: before 50/8, after 36/8; its uses raised no flag.
        AssertFigures(byTechnique.Row(Aic), 5, 8, 6.25, 4.5, 1.75, 0, 4, 3, 0.75, 1.33);
        AssertSuppressed(byTechnique.Row(Ms));
        AssertSuppressed(byTechnique.Row(Pic));

        var byTherapist = await manager.ReadAsync<ClinicalOutcomesView>(View("therapist"));
        AssertSuppressed(byTherapist.Row(_therapist1.ToString()));
        AssertSuppressed(byTherapist.Row(_therapist2.ToString()));

        var byMonth = await manager.ReadAsync<ClinicalOutcomesView>(View("month"));
        // February without C3's March session: before 55/9, after 40/9 (6.11, 4.44), change 15/9; the MS flag only.
        AssertFigures(byMonth.Row("2027-02"), 5, 9, 6.11, 4.44, 1.67, 1, 4, 3, 0.75, 1.33);
        AssertSuppressed(byMonth.Row("2027-03"));
    }

    [Fact]
    public async Task A_course_is_judged_up_to_the_end_of_the_range()
    {
        await PublishCourseAsync();
        using var manager = Manager;

        // Until 15 February, C3 has not come back and C5 has not yet reached it: only C1 has.
        var body = await manager.WaitForViewAsync<ClinicalOutcomesView>(View("location", to: "2027-02-15"), body => body.Total.Sessions == 8);

        // Before 49/8, after 35/8; C1 alone has reached it (C5's second visit is only a point better).
        AssertFigures(body.Total, 5, 8, 6.13, 4.38, 1.75, 1, 4, 1, 0.25, 1);
    }

    [Fact]
    public async Task An_amendment_replaces_the_figures_and_a_redelivered_signature_counts_once()
    {
        var location = Guid.CreateVersion7();
        var sessions = Enumerable.Range(0, 5).Select(i => Signed(Guid.CreateVersion7(), location, null, new DateOnly(2027, 4, 1 + i), 6, 4, Technique(Aic))).ToList();
        await fixture.Bus.PublishInOrderAsync([.. sessions]);
        var redelivered = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(sessions[0] with { SessionId = Guid.CreateVersion7() }, redelivered);
        await fixture.Bus.PublishAsync(sessions[0] with { SessionId = Guid.CreateVersion7() }, redelivered);
        await fixture.Bus.PublishAsync(Amended(sessions[1], painAfter: 1), Guid.CreateVersion7());
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, location);

        var body = await manager.WaitForViewAsync<ClinicalOutcomesView>(
            $"/api/outcomes/clinical?from=2027-04-01&to=2027-04-30&locationId={location}",
            body => body.Total.MeanPainAfter is < 4.0);

        // Six sessions (the redelivered one once); pain after 4,1,4,4,4,4 = 21/6.
        var total = body.Total;
        Assert.Equal((6, 3.5, 2.5), (total.Sessions!.Value, total.MeanPainAfter!.Value, total.MeanWithinSessionChange!.Value));
    }

    [Fact]
    public async Task A_clients_course_shows_the_trajectory_to_their_clinicians_and_is_audited()
    {
        var client = Guid.CreateVersion7();
        await fixture.Bus.PublishInOrderAsync(
            Signed(client, _location, _therapist1, new DateOnly(2027, 5, 3), 7, 4, Technique(Aic)),
            Signed(client, _location, _therapist1, new DateOnly(2027, 5, 10), 4, 3, Technique(Aic)));
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        var body = await therapist.WaitForViewAsync<ClientCourseView>($"/api/outcomes/clinical/clients/{client}/course", body => body.Course.Sessions.Count == 2);

        var course = body.Course;
        Assert.Equal((7, 2, 1), (course.Baseline!.Value, course.ReachedAtSession!.Value, course.SessionsToReach!.Value));
        Assert.Equal([0, 3], course.Sessions.Select(session => session.ChangeFromBaseline));
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var audit = await admin.ReadAsync<IReadOnlyList<AuditEntryView>>($"/api/outcomes/audit?from={DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}&to={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}&clientId={client}");
        Assert.Contains(audit, entry => entry.ResourceType == "client-course");

        using var elsewhere = fixture.Host.CreateClientAs(NmtRoles.Therapist, Guid.CreateVersion7());
        var hidden = await elsewhere.ReadAsync<ClientCourseView>($"/api/outcomes/clinical/clients/{client}/course");
        Assert.Empty(hidden.Course.Sessions);
    }

    [Fact]
    public async Task A_chain_clients_whole_course_shows_where_they_are_booked_next_under_any_merged_registration()
    {
        // Rule: the course of care follows the client to a location that books them, and a duplicate
        // registration merged into theirs counts as the same person's sessions.
        var client = Guid.CreateVersion7();
        var duplicate = Guid.CreateVersion7();
        var cambridge = Guid.CreateVersion7();
        await fixture.Bus.PublishInOrderAsync(
            Signed(client, _location, _therapist1, new DateOnly(2027, 7, 5), 7, 4, Technique(Aic)),
            Signed(duplicate, _location, _therapist1, new DateOnly(2027, 7, 12), 4, 3, Technique(Aic)));
        using var cambridgeTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, cambridge);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        await therapist.WaitForViewAsync<ClientCourseView>($"/api/outcomes/clinical/clients/{client}/course", body => body.Course.Sessions.Count == 1);
        Assert.Empty((await cambridgeTherapist.ReadAsync<ClientCourseView>($"/api/outcomes/clinical/clients/{client}/course")).Course.Sessions);

        await fixture.Bus.PublishInOrderAsync(
            new NmtPractice.Contracts.Intake.ClientsMerged(client, duplicate, DateTimeOffset.UtcNow),
            Booked(client, cambridge, _therapist2, new DateTimeOffset(2027, 7, 19, 14, 0, 0, NewYorkSummer)));

        var course = (await cambridgeTherapist.WaitForViewAsync<ClientCourseView>(
            $"/api/outcomes/clinical/clients/{client}/course", body => body.Course.Sessions.Count == 2)).Course;
        Assert.Equal((7, 2), (course.Baseline!.Value, course.ReachedAtSession!.Value));
    }

    [Fact]
    public async Task A_manager_can_list_the_sessions_behind_the_safety_flags_of_their_location_and_the_listing_is_audited()
    {
        var location = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var flagged = Signed(Guid.CreateVersion7(), location, _therapist1, new DateOnly(2027, 6, 3), 6, 4, Technique(Aic), Technique(Ms, safetyFlag: true));
        var calm = Signed(Guid.CreateVersion7(), location, _therapist1, new DateOnly(2027, 6, 4), 6, 4, Technique(Aic));
        var elsewhere = Signed(Guid.CreateVersion7(), other, _therapist2, new DateOnly(2027, 6, 5), 6, 4, Technique(Pic, safetyFlag: true));
        await fixture.Bus.PublishInOrderAsync(flagged, calm, elsewhere);
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, location);

        var listed = await manager.WaitForViewAsync<SafetyFlagsView>($"/api/outcomes/clinical/safety-flags?from=2027-06-01&to=2027-06-30&locationId={location}", body => body.Sessions.Count == 1);

        // Only the flagged session of the manager's location, with the technique that raised the flag.
        var session = Assert.Single(listed.Sessions);
        Assert.Equal((flagged.SessionId, 1, Ms), (session.SessionId, session.SafetyFlags, Assert.Single(session.FlaggedTechniques)));
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var audit = await admin.ReadAsync<IReadOnlyList<AuditEntryView>>($"/api/outcomes/audit?from={DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}&to={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Contains(audit, entry => entry.ResourceType == "safety-flags");

        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, other);
        using var refused = await otherManager.GetAsync(new Uri($"/api/outcomes/clinical/safety-flags?from=2027-06-01&to=2027-06-30&locationId={location}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_csv_export_has_a_header_and_one_line_per_row_plus_the_total()
    {
        await PublishCourseAsync();
        using var manager = Manager;
        await manager.WaitForViewAsync<ClinicalOutcomesView>(View("location"), body => body.Total.Sessions == 10);

        using var response = await manager.GetAsync(new Uri(View("month") + "&format=csv", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,suppressed,clients,sessions,meanPainBefore,meanPainAfter,meanWithinSessionChange,safetyFlags,courses,coursesReachingImprovement,shareReachingImprovement,meanSessionsToReach", lines[0]);
        Assert.Equal(["2027-02,false,5,9,6.11,4.44,1.67,1,4,3,0.75,1.33", "2027-03,true,,,,,,,,,,", "all,false,5,10,5.9,4.2,1.7,2,4,3,0.75,1.33"], lines[1..]);
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "from=2027-02-01&to=2027-01-01", "to" },
        { "to=2027-01-01", "from" },
        { "from=2027-01-01&to=2027-01-31&by=client", "by" },
        { "from=2027-01-01&to=2027-01-31&format=xlsx", "format" },
        { "from=2027-01-01&to=2027-01-31&therapistId=00000000-0000-0000-0000-000000000000", "therapistId" },
        { "from=2027-01-01&to=2027-01-31&locationId=nope", "locationId" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_queries_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        using var response = await admin.GetAsync(new Uri($"/api/outcomes/clinical?{query}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"expected an error for '{parameter}' in {problem}");
    }

    [Fact]
    public async Task A_manager_cannot_ask_for_another_location_and_front_desk_sees_no_outcomes()
    {
        using var manager = Manager;
        using var frontDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _location);

        using var other = await manager.GetAsync(new Uri($"/api/outcomes/clinical?from=2027-01-01&to=2027-01-31&locationId={Guid.CreateVersion7()}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var desk = await frontDesk.GetAsync(new Uri(View("location"), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (other.StatusCode, desk.StatusCode));
    }
}
