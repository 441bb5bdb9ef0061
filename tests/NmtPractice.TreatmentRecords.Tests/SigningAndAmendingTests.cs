using System.Net;
using System.Text.Json;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Security;
using static NmtPractice.TreatmentRecords.Tests.NoteDriver;
using Published = NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>Signing locks a note; amendments keep the original readable; both are published on RabbitMQ without free text.</summary>
public sealed class SigningAndAmendingTests(TreatmentRecordsFixture fixture) : IClassFixture<TreatmentRecordsFixture>
{
    private readonly Guid _location = Guid.CreateVersion7();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Therapist, Guid Client, Guid Id, string ETag)> SignedNoteAsync()
    {
        var client = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.ClearedWithPrecautions, avoid: ["calf-left"]);
        var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);
        etag = await therapist.WriteCompleteNoteAsync(id, etag);
        using var signed = await therapist.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/signature", null, etag);
        await EnsureAsync(signed);
        return (therapist, client, id, signed.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Signing_publishes_the_session_s_facts_without_free_text()
    {
        var (therapist, client, id, etag) = await SignedNoteAsync();
        using var _ = therapist;

        var received = await fixture.Bus.WaitForAsync<Published.SessionSigned>(signed => signed.SessionId == id);

        Assert.Equal("\"6\"", etag);
        var message = (Published.SessionSigned)received.Message;
        Assert.Equal((client, _location, 6, 3, 1), (message.ClientId, message.LocationId, message.PainBefore, message.PainAfter, message.SafetyFlags));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), message.SessionDate);
        Assert.Equal(new Dictionary<string, int> { ["neck-posterior"] = 1, ["scapula-right"] = 1, ["upper-trapezius-right"] = 1 }, message.TriggerPointsByRegion);
        Assert.Equal(4, message.Techniques.Count);
        Assert.Equal(
            new Published.TechniqueSummary("prolonged-ischemic-compression", "neck-posterior", "suboccipitals", null, null, 2, 60, null, null, "moderate", 8, true, false),
            message.Techniques[1]);
        var json = JsonSerializer.Serialize(received.Message);
        Assert.DoesNotContain("headache", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Chin tucks", json, StringComparison.Ordinal);
        var note = await therapist.GetNoteAsync(id);
        Assert.Equal("signed", note.Status);
        Assert.StartsWith("test-user-", note.Signature?.SignedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_note_cannot_be_edited_in_any_section_nor_signed_again_and_nothing_is_written()
    {
        var (therapist, _, id, etag) = await SignedNoteAsync();
        using var _ = therapist;
        var before = (await therapist.GetNoteAsync<JsonElement>(id)).GetRawText();

        foreach (var (section, body) in new[]
        {
            ("subjective", SessionNoteExamples.SubjectiveBody(2)),
            ("objective", new { posture = "Level shoulders", triggerPoints = Array.Empty<object>() }),
            ("treatment", SessionNoteExamples.TreatmentBody(SessionNoteExamples.Technique("skin-rolling", "upper-back", discomfort: 1))),
            ("assessment", SessionNoteExamples.AssessmentBody(0)),
        })
        {
            using var edit = await therapist.PutSectionAsync(id, section, body, etag);
            Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
            var problem = await edit.ProblemAsync();
            Assert.Equal("signed", problem.Reason);
            Assert.Contains($"the {section} section", problem.Detail, StringComparison.Ordinal);
        }

        using var again = await therapist.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/signature", null, etag);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("signed", (await again.ProblemAsync()).Reason);
        Assert.Equal(6, await fixture.Host.StreamVersionAsync(id));
        Assert.Equal(before, (await therapist.GetNoteAsync<JsonElement>(id)).GetRawText());
    }

    [Fact]
    public async Task An_incomplete_note_cannot_be_signed_and_the_problem_lists_what_is_missing()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, etag) = await therapist.OpenedAsync(client, _location);
        using var subjective = await therapist.PutSectionAsync(id, "subjective", SessionNoteExamples.SubjectiveBody(), etag);

        using var sign = await therapist.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/signature", null, subjective.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Conflict, sign.StatusCode);
        var problem = await sign.ProblemAsync();
        Assert.Equal("incomplete", problem.Reason);
        Assert.Equal(["treatment.techniques", "assessment.painAfter"], problem.Missing!);
        Assert.Equal(2, await fixture.Host.StreamVersionAsync(id));
    }

    [Fact]
    public async Task An_amendment_keeps_the_signed_original_readable_by_version_and_by_moment()
    {
        var (therapist, _, id, etag) = await SignedNoteAsync();
        using var _ = therapist;
        var signedAt = (await therapist.GetNoteAsync(id)).Signature!.SignedAt;
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);

        using var amended = await manager.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/amendments", new
        {
            reason = "Pain after was taken before the client stood up; re-rated at the desk",
            assessment = SessionNoteExamples.AssessmentBody(painAfter: 5),
        }, etag);

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal("\"7\"", amended.Headers.ETag?.Tag);
        var current = await therapist.GetNoteAsync(id);
        var original = await therapist.GetNoteAsync(id, "?version=6");
        var atSigning = await therapist.GetNoteAsync(id, $"?asOf={Uri.EscapeDataString(signedAt.ToString("O"))}");
        Assert.Equal(5, current.Assessment?.PainAfter);
        Assert.Equal(3, original.Assessment?.PainAfter);
        Assert.Equal(3, atSigning.Assessment?.PainAfter);
        Assert.Equal(6, atSigning.Version);
        Assert.Equal("signed", original.Status);
        Assert.Empty(original.Amendments);
        var amendment = Assert.Single(current.Amendments);
        Assert.Equal("assessment", amendment.Section);
        Assert.Equal("Pain after was taken before the client stood up; re-rated at the desk", amendment.Reason);
        Assert.NotEqual(current.Signature?.SignedBy, amendment.AmendedBy);

        var history = await therapist.ReadAsync<IReadOnlyList<SessionNoteChangeView>>($"/api/treatments/sessions/{id}/history");
        Assert.Equal(["opened", "recorded", "recorded", "recorded", "recorded", "signed", "amended"], history.Select(change => change.Change));
        Assert.Equal("assessment", history[6].Section);

        var published = (Published.SessionAmended)(await fixture.Bus.WaitForAsync<Published.SessionAmended>(a => a.SessionId == id)).Message;
        Assert.Equal(("assessment", 6, 5), (published.Section, published.PainBefore, published.PainAfter));
    }

    [Fact]
    public async Task Only_the_author_or_a_manager_amends_a_signed_note_and_a_colleague_adds_an_attributed_addendum()
    {
        var (therapist, _, id, etag) = await SignedNoteAsync();
        using var _ = therapist;
        using var colleague = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var amendment = new { reason = "Re-rated at the desk", assessment = SessionNoteExamples.AssessmentBody(painAfter: 5) };

        using var byColleague = await colleague.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/amendments", amendment, etag);

        Assert.Equal(HttpStatusCode.Forbidden, byColleague.StatusCode);
        Assert.Equal(6, await fixture.Host.StreamVersionAsync(id));
        Assert.Contains(await fixture.AuditRowsAsync(id.ToString()), row => (row.Action, row.Outcome, row.UserId) == ("amend", "denied", colleague.Subject()));

        using var addendum = await colleague.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/addenda", new { text = "Client phoned: no soreness the next day." }, etag);
        Assert.Equal(HttpStatusCode.OK, addendum.StatusCode);
        var withAddendum = await therapist.GetNoteAsync(id);
        var added = Assert.Single(withAddendum.Addenda!);
        Assert.Equal(("Client phoned: no soreness the next day.", colleague.Subject(), 7L), (added.Text, added.AddedBy, added.Version));
        Assert.Equal((3, therapist.Subject()), (withAddendum.Assessment?.PainAfter, withAddendum.Signature?.SignedBy));

        using var byAuthor = await therapist.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/amendments", amendment, addendum.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, byAuthor.StatusCode);
        Assert.Equal(5, (await therapist.GetNoteAsync(id)).Assessment?.PainAfter);
    }

    [Fact]
    public async Task A_note_before_it_existed_or_a_version_it_never_had_is_not_found()
    {
        var (therapist, _, id, _) = await SignedNoteAsync();
        using var _ = therapist;

        using var early = await therapist.GetAsync(new Uri($"/api/treatments/sessions/{id}?asOf=2020-01-01T00:00:00Z", UriKind.Relative), Cancel);
        using var future = await therapist.GetAsync(new Uri($"/api/treatments/sessions/{id}?version=99", UriKind.Relative), Cancel);
        using var both = await therapist.GetAsync(new Uri($"/api/treatments/sessions/{id}?version=2&asOf=2020-01-01T00:00:00Z", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Fact]
    public async Task Amending_needs_a_reason_and_a_signed_note()
    {
        var (therapist, client, id, etag) = await SignedNoteAsync();
        using var _ = therapist;
        var (unsigned, unsignedETag) = await therapist.OpenedAsync(client, _location);

        using var noReason = await therapist.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/amendments", new { subjective = SessionNoteExamples.SubjectiveBody(4) }, etag);
        using var notSigned = await therapist.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{unsigned}/amendments", new { reason = "Typo", subjective = SessionNoteExamples.SubjectiveBody(4) }, unsignedETag);
        using var contraindicated = await therapist.SendAsync(HttpMethod.Post, $"/api/treatments/sessions/{id}/amendments", new
        {
            reason = "Calf was treated too",
            treatment = SessionNoteExamples.TreatmentBody(SessionNoteExamples.Technique("skin-rolling", "calf-left")),
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notSigned.StatusCode);
        Assert.Equal("local-contraindication", (await contraindicated.ProblemAsync()).Reason);
        Assert.Equal(6, await fixture.Host.StreamVersionAsync(id));
        Assert.Equal(1, await fixture.Host.StreamVersionAsync(unsigned));
    }
}
