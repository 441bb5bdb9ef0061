using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;
using Published = NmtPractice.Contracts.Intake;

namespace NmtPractice.Intake.Tests;

/// <summary>The intake service with a bus recording what it publishes.</summary>
public sealed class IntakeBusFixture : ServiceFixture<Program>
{
    protected override string Purpose => "intakeflow";

    protected override Type[] RecordedMessageTypes =>
        [typeof(Published.ClientRegistered), typeof(Published.ScreeningCompleted), typeof(Published.PhysicianClearanceRecorded), typeof(Published.IntakeExpired), typeof(Published.ClientsMerged),
         typeof(Published.ClientContactChanged)];
}

/// <summary>Registration, intake, consent, clearance: against the real PostgreSQL, with the events reaching RabbitMQ.</summary>
public sealed class IntakeFlowTests(IntakeBusFixture fixture) : IClassFixture<IntakeBusFixture>
{
    private readonly Guid _location = Guid.CreateVersion7();

    private HttpClient Desk => fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _location);

    private HttpClient Therapist => fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

    [Fact]
    public async Task Registering_a_client_publishes_only_the_id_and_a_display_name()
    {
        using var desk = Desk;
        using var response = await desk.PostAsJsonAsync("/api/intake/clients", IntakeRequests.Registration(_location), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // Two facts: the client, and the contact messages go to (with no consent to any yet).
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var id = await response.IdOfAsync();
        var received = await fixture.Bus.WaitForAsync<Published.ClientRegistered>(m => m.ClientId == id);
        var message = (Published.ClientRegistered)received.Message;
        Assert.Equal("Dana R.", message.DisplayName);
        Assert.Equal(_location, message.LocationId);
        Assert.Equal(["ClientId", "DisplayName", "LocationId", "OccurredAt"], typeof(Published.ClientRegistered).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Screening_is_published_once_consented_and_again_when_a_physician_clears()
    {
        using var desk = Desk;
        using var therapist = Therapist;
        var id = await desk.RegisterAsync(_location);

        using var answered = await desk.AnswerAsync(id, IntakeAnswers.Healthy(("anticoagulants", true), ("varicose_vein_regions", new[] { "calf-left" })));
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var screening = (await answered.ReadAsync<IntakeAnsweredView>()).Screening;
        Assert.Equal("PhysicianClearanceRequired", screening.Outcome);
        Assert.False(screening.Complete);

        using var consent = await desk.ConsentAsync(id);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        var first = (Published.ScreeningCompleted)(await fixture.Bus.WaitForAsync<Published.ScreeningCompleted>(m => m.ClientId == id)).Message;
        Assert.Equal("PhysicianClearanceRequired", first.Status);
        Assert.Equal(["calf-left"], first.RegionsToAvoid);
        Assert.Equal("2026.1", first.RuleSetVersion);
        Assert.Single(fixture.Bus.Received, m => m.Message is Published.ScreeningCompleted s && s.ClientId == id);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var cleared = await therapist.ClearAsync(id, today.AddDays(-1), today.AddMonths(6));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        await fixture.Bus.WaitForAsync<Published.PhysicianClearanceRecorded>(m => m.ClientId == id && m.ExpiresOn == today.AddMonths(6));
        var second = (Published.ScreeningCompleted)(await fixture.Bus.WaitForAsync<Published.ScreeningCompleted>(
            m => m.ClientId == id && m.Status == "ClearedWithPrecautions")).Message;
        Assert.Equal(today.AddMonths(6), second.ClearanceValidUntil);

        using var read = await therapist.GetAsync(new Uri($"/api/intake/clients/{id}/screening", UriKind.Relative), TestContext.Current.CancellationToken);
        var details = await read.ReadAsync<ScreeningView>();
        Assert.Equal(["CLR-ANTICOAGULANTS", "LOC-VARICOSE-VEINS"], details.Findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.All(details.Findings, f => Assert.False(string.IsNullOrEmpty(f.Explanation)));
    }

    [Fact]
    public async Task A_health_update_is_a_new_version_and_the_old_one_stays_readable()
    {
        using var desk = Desk;
        using var therapist = Therapist;
        var id = await desk.RegisterAsync(_location);
        (await desk.AnswerAsync(id, IntakeAnswers.Healthy(("anticoagulants", true)))).EnsureSuccessStatusCode();

        using var update = await desk.AnswerAsync(id, IntakeAnswers.Healthy(("osteoporosis", true)));
        var first = await therapist.ReadAsync<IntakeView>($"/api/intake/clients/{id}/intakes/1");
        var latest = await therapist.ReadAsync<IntakeView>($"/api/intake/clients/{id}/intakes/latest");

        Assert.Equal(HttpStatusCode.Created, update.StatusCode);
        Assert.Equal($"/api/intake/clients/{id}/intakes/2", update.Headers.Location?.OriginalString);
        Assert.True(first.Answers["anticoagulants"].GetBoolean());
        Assert.False(first.IsCurrent);
        Assert.Equal(2, latest.Version);
        Assert.True(latest.Answers["osteoporosis"].GetBoolean());
    }

    [Fact]
    public async Task Bad_answers_are_400_naming_each_question_and_write_nothing()
    {
        using var desk = Desk;
        var id = await desk.RegisterAsync(_location);
        var before = await StreamVersionAsync(id);

        using var response = await desk.AnswerAsync(id, IntakeAnswers.Healthy(("favourite_colour", "blue"), ("pain_intensity", 12), ("goals", null)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(
            ["answers.favourite_colour", "answers.goals", "answers.pain_intensity"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await StreamVersionAsync(id));
    }

    [Fact]
    public async Task Bad_consents_and_clearances_are_400_naming_every_bad_field_and_write_nothing()
    {
        using var desk = Desk;
        using var therapist = Therapist;
        var id = await desk.RegisterAsync(_location);
        var before = await StreamVersionAsync(id);

        using var consent = await desk.PostAsJsonAsync(new Uri($"/api/intake/clients/{id}/consents", UriKind.Relative), new { }, TestContext.Current.CancellationToken);
        using var clearance = await therapist.PostAsJsonAsync(new Uri($"/api/intake/clients/{id}/clearances", UriKind.Relative), new { }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, consent.StatusCode);
        Assert.Equal(
            ["kind", "policyVersion", "signedOn", "signerName", "signerRelationship"],
            (await consent.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, clearance.StatusCode);
        Assert.Equal(
            ["clearedOn", "expiresOn", "physicianName"],
            (await clearance.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await StreamVersionAsync(id));
    }

    [Theory]
    [InlineData("""{"locationId":"@L","name":{"given":"A","family":"B"},"dateOfBirth":"1985-02-30","contact":{"email":"a@b.org"}}""", "dateOfBirth")]
    [InlineData("""{"locationId":"@L","name":{"given":"","family":"B"},"dateOfBirth":"1985-02-01","contact":{"email":"a@b.org"}}""", "name.given")]
    [InlineData("""{"locationId":"@L","name":{"given":"A","family":"B"},"dateOfBirth":"2999-02-01","contact":{"email":"a@b.org"}}""", "dateOfBirth")]
    [InlineData("""{"locationId":"@L","name":{"given":"A","family":"B"},"dateOfBirth":"1985-02-01","contact":{}}""", "contact")]
    [InlineData("""{"locationId":"@L","name":{"given":"A","family":"B"},"dateOfBirth":"1985-02-01"}""", "contact")]
    [InlineData("""{"locationId":"@L","name":{"given":"A","family":"B"},"dateOfBirth":"1985-02-01","contact":{"email":"nope"}}""", "contact.email")]
    public async Task Bad_registrations_are_400_naming_the_field(string json, string field)
    {
        using var desk = Desk;
        var clientId = Guid.CreateVersion7();
        var body = json.Replace("@L", _location.ToString(), StringComparison.Ordinal).Replace("{\"locationId\"", $"{{\"clientId\":\"{clientId}\",\"locationId\"", StringComparison.Ordinal);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await desk.PostAsync(new Uri("/api/intake/clients", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Null(await session.Events.FetchStreamStateAsync(clientId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Clients_of_another_location_are_out_of_reach_and_the_attempt_audited()
    {
        using var desk = Desk;
        var id = await desk.RegisterAsync(_location);
        using var elsewhere = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Guid.CreateVersion7());

        using var read = await elsewhere.GetAsync(new Uri($"/api/intake/clients/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var answer = await elsewhere.AnswerAsync(id, IntakeAnswers.Healthy());

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal(["denied:create:intake", "denied:read:client-record"], (await AuditAsync(id)).Where(a => a.StartsWith("denied", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Front_desk_sees_details_but_not_clinical_answers_and_clinical_reads_are_audited()
    {
        using var desk = Desk;
        using var therapist = Therapist;
        var id = await desk.RegisterAsync(_location);
        (await desk.AnswerAsync(id, IntakeAnswers.Healthy())).EnsureSuccessStatusCode();

        using var deskDetails = await desk.GetAsync(new Uri($"/api/intake/clients/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var deskScreening = await desk.GetAsync(new Uri($"/api/intake/clients/{id}/screening", UriKind.Relative), TestContext.Current.CancellationToken);
        using var deskAnswers = await desk.GetAsync(new Uri($"/api/intake/clients/{id}/intakes/latest", UriKind.Relative), TestContext.Current.CancellationToken);
        using var therapistScreening = await therapist.GetAsync(new Uri($"/api/intake/clients/{id}/screening", UriKind.Relative), TestContext.Current.CancellationToken);
        using var therapistAnswers = await therapist.GetAsync(new Uri($"/api/intake/clients/{id}/intakes/latest", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK],
            [deskDetails.StatusCode, deskScreening.StatusCode, deskAnswers.StatusCode, therapistScreening.StatusCode, therapistAnswers.StatusCode]);
        var audit = await AuditAsync(id);
        Assert.Contains("allowed:read:client-record", audit);
        Assert.Contains("allowed:read:screening", audit);
        Assert.Contains("allowed:read:intake", audit);
        Assert.Contains("allowed:create:intake", audit);
    }

    [Fact]
    public async Task Consent_to_messages_is_recorded_with_how_and_goes_to_notifications_with_the_contact()
    {
        using var desk = Desk;
        var registration = new
        {
            locationId = _location,
            name = new { given = "Lucia", family = "Ortega" },
            dateOfBirth = "1979-03-02",
            contact = new { email = "lucia.ortega@example.org", phone = "+1 617 555 0142" },
            messages = new { email = true, sms = false, language = "es", how = "written" },
        };
        using var registered = await desk.PostAsJsonAsync("/api/intake/clients", registration, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = await registered.IdOfAsync();
        var atRegistration = (Published.ClientContactChanged)(await fixture.Bus.WaitForAsync<Published.ClientContactChanged>(m => m.ClientId == id)).Message;

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/intake/clients/{id}/message-preferences")
        {
            Content = JsonContent.Create(new { email = true, sms = true, language = "es", how = "phone" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", registered.Headers.ETag!.Tag);
        using var changed = await desk.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var afterChange = (Published.ClientContactChanged)(await fixture.Bus.WaitForAsync<Published.ClientContactChanged>(m => m.ClientId == id && m.SmsAllowed)).Message;
        var client = await changed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(("lucia.ortega@example.org", "+1 617 555 0142", true, false, "es", "written", _location),
            (atRegistration.Email, atRegistration.Phone, atRegistration.EmailAllowed, atRegistration.SmsAllowed, atRegistration.Language, atRegistration.How, atRegistration.LocationId));
        Assert.Equal((true, true, "phone"), (afterChange.EmailAllowed, afterChange.SmsAllowed, afterChange.How));
        Assert.True(client.GetProperty("messages").GetProperty("sms").GetBoolean());

        // Each channel says when and how its present answer was recorded: email at registration, in writing; texts later, on the phone.
        var consents = client.GetProperty("messageConsents");
        var (email, sms) = (consents.GetProperty("email"), consents.GetProperty("sms"));
        Assert.Equal((true, "written", true, "phone"),
            (email.GetProperty("agreed").GetBoolean(), email.GetProperty("how").GetString(), sms.GetProperty("agreed").GetBoolean(), sms.GetProperty("how").GetString()));
        Assert.True(sms.GetProperty("recordedAt").GetDateTimeOffset() > email.GetProperty("recordedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_STOP_answered_to_a_text_withdraws_the_consent_to_texts_and_says_how()
    {
        using var desk = Desk;
        var registration = new
        {
            locationId = _location,
            name = new { given = "Ines", family = "Moreau" },
            dateOfBirth = "1990-07-12",
            contact = new { email = "ines.moreau@example.org", phone = "+1 617 555 0177" },
            messages = new { email = true, sms = true, language = "en", how = "in-person" },
        };
        using var registered = await desk.PostAsJsonAsync("/api/intake/clients", registration, TestContext.Current.CancellationToken);
        var id = await registered.IdOfAsync();

        await fixture.Bus.PublishAsync(
            new NmtPractice.Contracts.Notifications.ClientMessagesStopped(id, _location, "sms", "sms-stop", DateTimeOffset.UtcNow), Guid.NewGuid());

        var changed = (Published.ClientContactChanged)(await fixture.Bus.WaitForAsync<Published.ClientContactChanged>(m => m.ClientId == id && m.How == "sms-stop")).Message;
        Assert.Equal((true, false), (changed.EmailAllowed, changed.SmsAllowed));
        var client = await desk.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{id}", TestContext.Current.CancellationToken);
        Assert.False(client.GetProperty("messages").GetProperty("sms").GetBoolean());
        Assert.True(client.GetProperty("messages").GetProperty("email").GetBoolean());
        Assert.Equal(("in-person", "sms-stop"),
            (client.GetProperty("messageConsents").GetProperty("email").GetProperty("how").GetString(), client.GetProperty("messageConsents").GetProperty("sms").GetProperty("how").GetString()));
    }

    [Fact]
    public async Task A_consent_to_a_channel_the_client_has_no_address_for_is_refused_and_records_nothing()
    {
        using var desk = Desk;
        var id = await desk.RegisterAsync(_location);
        var details = new { name = new { given = "Dana", family = "Reyes" }, dateOfBirth = "1985-05-01", contact = new { email = "dana.reyes@example.org" } };
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/intake/clients/{id}") { Content = JsonContent.Create(details) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        using var withoutPhone = await desk.SendAsync(put, TestContext.Current.CancellationToken);
        var version = withoutPhone.Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/intake/clients/{id}/message-preferences")
        {
            Content = JsonContent.Create(new { email = false, sms = true, language = "fr", how = "telepathy" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", version);
        using var refused = await desk.SendAsync(request, TestContext.Current.CancellationToken);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var after = await desk.GetAsync($"/api/intake/clients/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Contains("There is no phone number", errors.GetProperty("sms")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("language", out _));
        Assert.True(errors.TryGetProperty("how", out _));
        Assert.Equal(version, after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Changing_details_needs_the_current_version()
    {
        using var desk = Desk;
        var id = await desk.RegisterAsync(_location);
        var details = new { name = new { given = "Dana", family = "Reyes-Hall" }, dateOfBirth = "1985-05-01", contact = new { phone = "+1 617 555 0199" } };

        using var withoutVersion = await desk.PutAsJsonAsync($"/api/intake/clients/{id}", details, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/intake/clients/{id}") { Content = JsonContent.Create(details) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        using var changed = await desk.SendAsync(request, TestContext.Current.CancellationToken);
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/intake/clients/{id}") { Content = JsonContent.Create(details) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        using var refused = await desk.SendAsync(stale, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        // The details, and (the email address gone, the phone number new) the contact messages go to.
        Assert.Equal("\"4\"", changed.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
    }

    [Fact]
    public async Task Reference_data_is_served_to_staff()
    {
        using var desk = Desk;
        using var therapist = Therapist;

        var questionnaire = await desk.ReadAsync<QuestionnaireView>("/api/intake/questionnaire");
        var regions = await desk.ReadAsync<IReadOnlyList<BodyRegionView>>("/api/intake/body-regions");
        var rules = await therapist.ReadAsync<ScreeningRulesView>("/api/intake/screening-rules");
        using var deskRules = await desk.GetAsync(new Uri("/api/intake/screening-rules", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(1, questionnaire.Version);
        Assert.Contains(regions, r => r.Code == "calf-left");
        Assert.Equal("2026.1", rules.Version);
        Assert.Equal(HttpStatusCode.Forbidden, deskRules.StatusCode);
    }

    private async Task<long> StreamVersionAsync(Guid id)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamStateAsync(id, TestContext.Current.CancellationToken))!.Version;
    }

    private async Task<List<string>> AuditAsync(Guid clientId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select outcome || ':' || action || ':' || resource_type from intake.audit_log where client_id = @id", connection);
        command.Parameters.AddWithValue("id", clientId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
