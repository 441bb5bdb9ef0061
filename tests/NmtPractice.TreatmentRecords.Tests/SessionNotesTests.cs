using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.Security;
using NmtPractice.TreatmentRecords.Screening;
using static NmtPractice.TreatmentRecords.Tests.NoteDriver;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>
/// Opening notes and writing their sections over HTTP against the real PostgreSQL, with screenings
/// arriving over the real RabbitMQ: who may, what is refused, and what is audited.
/// </summary>
public sealed class SessionNotesTests(TreatmentRecordsFixture fixture) : IClassFixture<TreatmentRecordsFixture>
{
    private readonly Guid _location = Guid.CreateVersion7();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ScreeningStatuses.Contraindicated, OpeningRules.Contraindicated)]
    [InlineData(ScreeningStatuses.PhysicianClearanceRequired, OpeningRules.ClearanceRequired)]
    public async Task A_client_whose_screening_forbids_treatment_cannot_have_a_session_opened(string status, string reason)
    {
        var client = await fixture.ScreenedClientAsync(_location, status);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var appointment = await fixture.BookedAsync(client, _location);

        using var response = await therapist.OpenAsync(client, _location, appointment);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(reason, problem.Reason);
        Assert.Equal("Treatment not allowed", problem.Title);
        Assert.Null(await fixture.Host.StreamVersionAsync(appointment));
        Assert.Empty(await fixture.AuditRowsAsync(appointment.ToString()));
    }

    [Fact]
    public async Task A_client_with_no_screening_on_record_cannot_have_a_session_opened()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        using var response = await therapist.OpenAsync(Guid.CreateVersion7(), _location);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(OpeningRules.ScreeningUnknown, (await response.ProblemAsync()).Reason);
    }

    [Fact]
    public async Task An_expired_physician_clearance_refuses_the_session_and_a_valid_one_allows_it()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expired = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.Cleared, clearanceValidUntil: today.AddDays(-2));
        var valid = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.Cleared, clearanceValidUntil: today.AddDays(30));
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        using var refused = await therapist.OpenAsync(expired, _location);
        using var allowed = await therapist.OpenAsync(valid, _location);

        Assert.Equal(OpeningRules.ClearanceExpired, (await refused.ProblemAsync()).Reason);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task A_newer_screening_replaces_the_one_held()
    {
        var client = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.PhysicianClearanceRequired);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        using var before = await therapist.OpenAsync(client, _location);

        await fixture.ScreenAsync(client, _location, ScreeningStatuses.ClearedWithPrecautions, avoid: ["low-back"]);
        using var after = await therapist.OpenAsync(client, _location);

        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode);
        Assert.Equal(OpeningRules.ClearanceRequired, (await before.ProblemAsync()).Reason);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        var screening = (await after.ReadAsync<SessionNoteView>()).Screening;
        Assert.Equal(ScreeningStatuses.ClearedWithPrecautions, screening.Status);
        Assert.Equal(["low-back"], screening.RegionsToAvoid);
    }

    [Fact]
    public async Task The_session_shows_the_screening_s_local_contraindications_and_precautions()
    {
        var client = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.ClearedWithPrecautions, avoid: ["calf-left", "low-back"]);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        using var response = await therapist.OpenAsync(client, _location);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var note = await response.ReadAsync<SessionNoteView>();
        var screening = note.Screening;
        Assert.Equal("ClearedWithPrecautions", screening.Status);
        Assert.Equal(["calf-left", "low-back"], screening.RegionsToAvoid);
        Assert.Equal(["lighter-pressure"], screening.Precautions);
        Assert.Equal("open", note.Status);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), note.SessionDate);
    }

    [Fact]
    public async Task One_note_per_appointment()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var appointment = await fixture.BookedAsync(client, _location);

        using var first = await therapist.OpenAsync(client, _location, appointment);
        using var second = await therapist.OpenAsync(client, _location, appointment);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(appointment, await first.IdOfAsync());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(appointment, (await second.ProblemAsync()).SessionId);
    }

    [Fact]
    public async Task A_note_for_an_appointment_is_opened_only_by_staff_of_the_appointments_location_whatever_the_request_names()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        var therapistOfIt = Guid.CreateVersion7();
        var appointment = await fixture.BookedAsync(client, _location, therapistOfIt);
        var elsewhere = Guid.CreateVersion7();
        using var stranger = fixture.Host.CreateClientAs(NmtRoles.Therapist, elsewhere);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        // Naming their own location in the body does not help: the appointment's location decides.
        using var hijack = await stranger.OpenAsync(client, elsewhere, appointment);
        using var unknown = await therapist.OpenAsync(client, _location, Guid.CreateVersion7());
        using var otherClient = await therapist.OpenAsync(Guid.CreateVersion7(), _location, appointment);
        using var opened = await therapist.OpenAsync(client, _location, appointment);

        Assert.Equal(HttpStatusCode.Forbidden, hijack.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "unknown-appointment"), (unknown.StatusCode, (await unknown.ProblemAsync()).Reason));
        Assert.Equal(HttpStatusCode.BadRequest, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var note = await opened.ReadAsync<SessionNoteView>();
        Assert.Equal((appointment, therapistOfIt), (note.Id, note.TherapistId));
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var refused = await admin.AuditAsync("treatments", "/api/treatments/sessions");
        Assert.Contains(refused, entry => entry.Outcome == "denied" && entry.UserId == stranger.Subject() && entry.LocationId == _location);
    }

    [Fact]
    public async Task A_walk_in_names_the_therapist_who_treats_only_when_they_have_hours_at_the_location()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var works = Guid.CreateVersion7();
        var elsewhere = Guid.CreateVersion7();
        var leaving = Guid.CreateVersion7();
        await fixture.HoursAsync(works, _location, [new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))]);
        await fixture.HoursAsync(elsewhere, Guid.CreateVersion7(), [new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))]);
        await fixture.HoursAsync(leaving, _location, [new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))]);
        await fixture.HoursAsync(leaving, _location, []);

        // Refused, naming the field, and nothing written: a therapist of another location, one whose hours here ended, one never heard of.
        foreach (var (name, refused) in new[] { ("elsewhere", elsewhere), ("leaving", leaving), ("unknown", Guid.CreateVersion7()) })
        {
            var sessionId = Guid.CreateVersion7();
            using var response = await therapist.PostAsJsonAsync("/api/treatments/sessions", new OpenSessionNote(sessionId, client, _location, TherapistId: refused), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
            Assert.Equal(["therapistId"], await ErrorKeysAsync(response));
            Assert.Null(await fixture.Host.StreamVersionAsync(sessionId));
        }

        using var empty = await therapist.PostAsJsonAsync("/api/treatments/sessions", new OpenSessionNote(null, client, _location, TherapistId: Guid.Empty), Cancel);
        Assert.Equal(["therapistId"], await ErrorKeysAsync(empty));

        // The therapist with hours here is recorded on the note (and so reaches outcome reporting with the signature).
        using var opened = await therapist.PostAsJsonAsync("/api/treatments/sessions", new OpenSessionNote(null, client, _location, TherapistId: works), Cancel);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var note = await opened.ReadAsync<SessionNoteView>();
        Assert.Equal(works, note.TherapistId);
        Assert.Equal(works, (await fixture.Host.LoadAsync<NmtPractice.TreatmentRecords.SessionNotes.SessionNote>(note.Id))?.TherapistId);
    }

    [Fact]
    public async Task A_therapist_opens_a_note_at_their_location_only()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        var otherLocation = Guid.CreateVersion7();
        using var elsewhere = await therapist.OpenAsync(client, otherLocation);

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, otherLocation);
        var listed = await manager.ReadAsync<IReadOnlyList<SessionNoteSummaryView>>($"/api/treatments/clients/{client}/sessions");
        Assert.Empty(listed);
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var refused = await admin.AuditAsync("treatments", "/api/treatments/sessions");
        Assert.Contains(refused, entry => entry.Outcome == "denied" && entry.UserId == therapist.Subject() && entry.LocationId == otherLocation);
    }

    [Theory]
    [InlineData(NmtRoles.FrontDesk)]
    [InlineData(NmtRoles.ClinicManager)]
    [InlineData(NmtRoles.OperationsAdmin)]
    public async Task Only_therapists_open_and_write_notes(string role)
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);
        using var other = fixture.Host.CreateClientAs(role, _location);

        using var open = await other.OpenAsync(client, _location);
        using var write = await other.PutSectionAsync(id, "subjective", SessionNoteExamples.SubjectiveBody(), etag);
        using var sign = await other.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/signature", null, etag);

        Assert.Equal(HttpStatusCode.Forbidden, open.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sign.StatusCode);
        Assert.Equal(1, await fixture.Host.StreamVersionAsync(id));
    }

    [Fact]
    public async Task Every_read_is_audited_with_who_which_note_and_when()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);
        var (id, _) = await therapist.OpenedAsync(client, _location);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await therapist.GetNoteAsync(id);
        await manager.GetNoteAsync(id);
        using var history = await manager.GetAsync(new Uri($"/api/treatments/sessions/{id}/history", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var rows = await fixture.AuditRowsAsync(id.ToString());
        var created = Assert.Single(rows, row => row.Action == "create");
        var reads = rows.Where(row => row.Action is "read" or "read-history").ToList();
        Assert.Equal(3, reads.Count);
        Assert.All(reads, row => Assert.Equal(("allowed", _location, (Guid?)client), (row.Outcome, row.LocationId!.Value, row.ClientId)));
        Assert.Equal(created.UserId, reads[0].UserId);
        Assert.NotEqual(created.UserId, reads[1].UserId);
        Assert.All(reads, row => Assert.InRange(row.OccurredAt, before, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task A_read_from_another_location_is_refused_and_the_refusal_audited()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        using var otherTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, Guid.CreateVersion7());
        var (id, etag) = await therapist.OpenedAsync(client, _location);

        using var read = await otherManager.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), Cancel);
        using var write = await otherTherapist.PutSectionAsync(id, "subjective", SessionNoteExamples.SubjectiveBody(), etag);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var refusals = (await fixture.AuditRowsAsync(id.ToString())).Where(row => row.Outcome == "denied").Select(row => row.Action);
        Assert.Equal(["read", "update"], refusals);
    }

    [Fact]
    public async Task The_front_desk_does_not_read_notes_and_the_chains_operations_do_audited()
    {
        // Rule: notes are clinical; the front desk never reads them, the chain's operations may (every read audited).
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, _) = await therapist.OpenedAsync(client, _location);

        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _location);
        using var operations = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        using var refused = await desk.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), Cancel);
        var read = await operations.ReadAsync<SessionNoteView>($"/api/treatments/sessions/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(id, read.Id);

        // Refused by role before the handler ran: audited against the path asked for.
        var refusals = await fixture.AuditRowsAsync($"/api/treatments/sessions/{id}");
        Assert.Equal("denied", Assert.Single(refusals).Outcome);
        Assert.Contains(await fixture.AuditRowsAsync(id.ToString()), row => row.Outcome == "allowed" && row.Action == "read" && row.UserId == operations.Subject());
    }

    [Fact]
    public async Task Changes_need_the_current_version_in_if_match()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);

        using var missing = await therapist.PutSectionAsync(id, "subjective", SessionNoteExamples.SubjectiveBody(), etag: null);
        using var first = await therapist.PutSectionAsync(id, "subjective", SessionNoteExamples.SubjectiveBody(6), etag);
        using var stale = await therapist.PutSectionAsync(id, "subjective", SessionNoteExamples.SubjectiveBody(7), etag);
        using var read = await therapist.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), Cancel);

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(6, (await read.ReadAsync<SessionNoteView>()).Subjective?.PainBefore);
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Every_value_of_every_section_is_recorded_and_read_back_as_sent()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);

        var final = await therapist.WriteCompleteNoteAsync(id, etag);
        // The note as written, to hold every value sent against it; then the typed view.
        var written = await therapist.GetNoteAsync<JsonElement>(id);
        var note = await therapist.GetNoteAsync(id);

        Assert.Equal("\"5\"", final);
        Assert.Equal(5, note.Version);
        foreach (var (section, sent) in new[]
        {
            ("subjective", SessionNoteExamples.SubjectiveBody()),
            ("objective", SessionNoteExamples.ObjectiveBody()),
            ("treatment", SessionNoteExamples.TreatmentBody()),
            ("assessment", SessionNoteExamples.AssessmentBody()),
        })
        {
            AssertReadBackAsSent(section, JsonSerializer.SerializeToElement(sent, JsonSerializerOptions.Web), written.GetProperty(section));
        }

        var points = note.Objective!.TriggerPoints;
        Assert.Equal(["right", "right", "right"], points.Select(point => point.Side));
        Assert.Equal([(true, false), (false, false), (false, false)], points.Select(point => (point.Ischemia, point.NerveEntrapment)));
        Assert.Equal([false, true, false, false], note.Treatment!.Techniques.Select(technique => technique.SafetyFlag));
    }

    /// <summary>Every value sent (nulls aside: a value left out) is read back at the same path.</summary>
    private static void AssertReadBackAsSent(string path, JsonElement sent, JsonElement read)
    {
        switch (sent.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in sent.EnumerateObject().Where(property => property.Value.ValueKind != JsonValueKind.Null))
                {
                    Assert.True(read.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} was not read back");
                    AssertReadBackAsSent($"{path}.{property.Name}", property.Value, value);
                }

                break;
            case JsonValueKind.Array:
                Assert.True(sent.GetArrayLength() == read.GetArrayLength(), $"{path}: {sent.GetArrayLength()} sent, {read.GetArrayLength()} read back");
                foreach (var (item, i) in sent.EnumerateArray().Select((item, i) => (item, i)))
                {
                    AssertReadBackAsSent($"{path}[{i}]", item, read[i]);
                }

                break;
            default:
                Assert.True(sent.GetRawText() == read.GetRawText(), $"{path}: sent {sent.GetRawText()}, read back {read.GetRawText()}");
                break;
        }
    }

    [Fact]
    public async Task A_discomfort_above_the_threshold_is_flagged()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);

        using var response = await therapist.PutSectionAsync(
            id, "treatment", SessionNoteExamples.TreatmentBody(SessionNoteExamples.Technique(discomfort: 7), SessionNoteExamples.Technique(discomfort: 9)), etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var note = await response.ReadAsync<SessionNoteView>();
        Assert.Equal(1, note.SafetyFlags);
        var treatment = note.Treatment!;
        Assert.Equal(7, treatment.DiscomfortThreshold);
        Assert.Equal([false, true], treatment.Techniques.Select(t => t.SafetyFlag));
    }

    [Fact]
    public async Task A_technique_on_a_local_contraindication_is_refused_unless_an_override_reason_is_recorded()
    {
        var client = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.ClearedWithPrecautions, avoid: ["upper-trapezius-right"]);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);

        using var refused = await therapist.PutSectionAsync(id, "treatment", SessionNoteExamples.TreatmentBody(SessionNoteExamples.Technique()), etag);
        var versionAfterRefusal = await fixture.Host.StreamVersionAsync(id);
        using var overridden = await therapist.PutSectionAsync(
            id, "treatment", SessionNoteExamples.TreatmentBody(SessionNoteExamples.Technique(overrideReason: "Recent bruise has resolved; client consented")), etag);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ProblemAsync();
        Assert.Equal("local-contraindication", problem.Reason);
        Assert.Equal(["techniques[0]"], problem.Techniques!);
        Assert.Equal(1, versionAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        Assert.Equal(
            "Recent bruise has resolved; client consented",
            (await overridden.ReadAsync<SessionNoteView>()).Treatment!.Techniques[0].ContraindicationOverride);
    }

    [Fact]
    public async Task Bad_values_are_400s_naming_each_field_and_write_nothing()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);

        using var pain = await therapist.PutSectionAsync(id, "subjective", new { chiefComplaint = "Low back pain", painBefore = 11, painRegions = new[] { "lower-back" } }, etag);
        using var muscle = await therapist.PutSectionAsync(id, "objective", new { triggerPoints = new[] { new { muscle = "upper-trapezoid", region = "upper-trapezius-right", kind = "active" } } }, etag);
        using var discomfort = await therapist.PutSectionAsync(id, "treatment", SessionNoteExamples.TreatmentBody(SessionNoteExamples.Technique(discomfort: 12)), etag);
        using var after = await therapist.PutSectionAsync(id, "assessment", new { painAfter = -1 }, etag);
        using var malformed = await therapist.PutSectionAsync(id, "subjective", new { chiefComplaint = "Neck", painBefore = "six" }, etag);

        Assert.Equal(["painBefore", "painRegions[0]"], await ErrorKeysAsync(pain));
        Assert.Equal(["triggerPoints[0].muscle"], await ErrorKeysAsync(muscle));
        Assert.Equal(["techniques[0].discomfort"], await ErrorKeysAsync(discomfort));
        Assert.Equal(["painAfter"], await ErrorKeysAsync(after));
        Assert.Equal(["painBefore"], await ErrorKeysAsync(malformed));
        Assert.Equal(1, await fixture.Host.StreamVersionAsync(id));
    }

    [Fact]
    public async Task A_client_s_notes_are_listed_for_the_caller_s_locations_only()
    {
        var other = Guid.CreateVersion7();
        var client = await fixture.ScreenedClientAsync(_location);
        using var here = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        using var there = fixture.Host.CreateClientAs(NmtRoles.Therapist, other);
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);
        var (mine, _) = await here.OpenedAsync(client, _location);
        await there.OpenedAsync(client, other);

        var listed = await manager.ReadAsync<IReadOnlyList<SessionNoteSummaryView>>($"/api/treatments/clients/{client}/sessions");

        var row = Assert.Single(listed);
        Assert.Equal(mine, row.Id);
        Assert.Equal("open", row.Status);
        Assert.Equal("allowed", Assert.Single(await fixture.AuditRowsAsync(client.ToString()), r => r.Action == "list").Outcome);
    }

    [Fact]
    public async Task The_muscle_list_and_technique_kinds_are_published_for_forms()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        var muscles = await therapist.ReadAsync<IReadOnlyList<MuscleView>>("/api/treatments/muscles");
        var techniques = await therapist.ReadAsync<TechniqueCatalogueView>("/api/treatments/techniques");

        Assert.Contains(muscles, muscle => muscle.Code == "upper-trapezius");
        Assert.Equal(
            ["alternating-ischemic-compression", "prolonged-ischemic-compression", "skin-rolling", "muscle-stripping"],
            techniques.Kinds.Select(kind => kind.Code));
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_deletes_and_truncation()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        await therapist.OpenedAsync(client, _location);
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(Cancel);

        foreach (var sql in new[]
        {
            "update treatment_records.audit_log set user_id = 'someone-else'",
            "delete from treatment_records.audit_log",
            "truncate treatment_records.audit_log",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Cancel));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Operations_admins_query_the_audit_log_and_others_may_not()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, _) = await therapist.OpenedAsync(client, _location);
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var query = new Uri($"/api/treatments/audit?from={from}&to={to}&resourceId={id}", UriKind.Relative);

        var rows = await admin.ReadAsync<IReadOnlyList<AuditEntryView>>(query.OriginalString);
        using var refused = await therapist.GetAsync(query, Cancel);

        var row = Assert.Single(rows);
        Assert.Equal("create", row.Action);
        Assert.Equal("session-note", row.ResourceType);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static async Task<IEnumerable<string>> ErrorKeysAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        return problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal).ToList();
    }
}
