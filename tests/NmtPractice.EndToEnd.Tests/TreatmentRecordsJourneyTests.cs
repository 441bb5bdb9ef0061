using System.Net;
using System.Net.Http.Json;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// A session note through the gateway against the running services: intake's screening reaches
/// treatment records over RabbitMQ and decides whether a session may open; the therapist writes,
/// signs and amends the note.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class TreatmentRecordsJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_intake_finds_contraindicated_cannot_have_a_session_opened()
    {
        var location = E2EPractice.BackBay;
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        using var therapist = await system.ClientForAsync("therapist.backbay");
        var client = await E2EPractice.RegisterScreenedClientAsync(desk, location, new Dictionary<string, object> { ["fever"] = true });

        var problem = await Eventually.ValueAsync(
            "treatment records to hear of the screening",
            async () =>
            {
                using var response = await therapist.PostAsJsonAsync("api/treatments/sessions", new OpenSessionNote(null, client, location), Cancel);
                return ((int)response.StatusCode, await response.ProblemAsync());
            },
            answer => answer.Item1 != 409 || answer.Item2.Reason != "screening-unknown");

        Assert.Equal(409, problem.Item1);
        Assert.Equal("contraindicated", problem.Item2.Reason);
    }

    [Fact]
    public async Task A_therapist_writes_signs_and_amends_a_note_and_other_clinics_cannot_read_it()
    {
        var objects = await MatrixObjects.GetAsync(system);
        var id = await objects.FreshNoteAsync(E2EPractice.BackBay);
        using var therapist = await system.ClientForAsync("therapist.backbay");
        using var otherManager = await system.ClientForAsync("manager.cambridge");
        using var manager = await system.ClientForAsync("manager.backbay");

        var etag = "\"1\"";
        foreach (var (section, body) in new (string, object)[]
        {
            ("subjective", new { chiefComplaint = "Right shoulder pain reaching overhead", painBefore = 7, painRegions = new[] { "shoulder-right" } }),
            ("objective", new { triggerPoints = new[] { new { muscle = "infraspinatus", region = "scapula-right", kind = "active", referralRegions = new[] { "shoulder-right" } } } }),
            ("treatment", new { techniques = new[] { new { kind = "alternating-ischemic-compression", muscle = "infraspinatus", region = "scapula-right", cycles = 4, holdSeconds = 12, pressure = "firm", discomfort = 8 } } }),
            ("assessment", new { assessment = "Referral to the shoulder reproduced and eased", plan = "Weekly for three weeks", painAfter = 3 }),
        })
        {
            etag = await SendAsync(therapist, HttpMethod.Put, $"api/treatments/sessions/{id}/{section}", body, etag);
        }

        etag = await SendAsync(therapist, HttpMethod.Post, $"api/treatments/sessions/{id}/signature", new { }, etag);
        using var edit = await Request(therapist, HttpMethod.Put, $"api/treatments/sessions/{id}/subjective", new { chiefComplaint = "Changed", painBefore = 2 }, etag);
        await SendAsync(therapist, HttpMethod.Post, $"api/treatments/sessions/{id}/amendments", new { reason = "Pain after re-rated standing", assessment = new { painAfter = 4 } }, etag);

        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        var note = await manager.ReadAsync<SessionNoteView>($"api/treatments/sessions/{id}");
        var signed = await manager.ReadAsync<SessionNoteView>($"api/treatments/sessions/{id}?version=6");
        Assert.Equal((4, 1), (note.Assessment!.PainAfter, note.SafetyFlags));
        Assert.Equal(3, signed.Assessment!.PainAfter);
        using var refused = await otherManager.GetAsync($"api/treatments/sessions/{id}", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The signed and amended figures travel over RabbitMQ into outcome reporting's course of care.
        var client = note.ClientId;
        var course = await Eventually.ValueAsync(
            "the amended session in the client's course of care",
            () => therapist.ReadAsync<ClientCourseView>($"api/outcomes/clinical/clients/{client}/course"),
            body => body.Course.Sessions.Any(session => session.PainAfter == 4));
        Assert.Contains(course.Course.Sessions, session => session.PainBefore == 7 && session.WithinSessionChange == 3);
    }

    private static async Task<string> SendAsync(HttpClient client, HttpMethod method, string path, object body, string etag)
    {
        using var response = await Request(client, method, path, body, etag);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        return response.Headers.ETag!.Tag;
    }

    private static Task<HttpResponseMessage> Request(HttpClient client, HttpMethod method, string path, object body, string etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Cancel);
    }
}
