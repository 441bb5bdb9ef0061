using System.Net.Http.Json;
using System.Text.Json;

namespace NmtPractice.Intake.Tests;

/// <summary>Requests the intake tests send.</summary>
internal static class IntakeRequests
{
    public static RegisterClient Registration(Guid locationId, string given = "Dana", string family = "Reyes") => new(
        null,
        locationId,
        new ClientName(given, family),
        new DateOnly(1985, 5, 1),
        new ClientContact("dana.reyes@example.org", "+1 617 555 0100"),
        new ClientEmergencyContact("Sam Reyes", "spouse", "+1 617 555 0101"),
        new ClientPhysician("Dr. Ames", "Back Bay Family Medicine"));

    public static async Task<Guid> RegisterAsync(this HttpClient client, Guid locationId)
    {
        using var response = await client.PostAsJsonAsync("/api/intake/clients", Registration(locationId), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.IdOfAsync();
    }

    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient client, Guid clientId, Dictionary<string, JsonElement> answers) =>
        client.PostAsJsonAsync(
            $"/api/intake/clients/{clientId}/intakes", new AnswerIntake(answers.ToDictionary(pair => pair.Key, pair => (object)pair.Value)), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> ConsentAsync(this HttpClient client, Guid clientId, string kind = "treatment") =>
        client.PostAsJsonAsync(
            $"/api/intake/clients/{clientId}/consents",
            new GiveConsent(kind, "2026-01", "Dana Reyes", "self", DateOnly.FromDateTime(DateTime.UtcNow)),
            TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> ClearAsync(this HttpClient client, Guid clientId, DateOnly clearedOn, DateOnly expiresOn) =>
        client.PostAsJsonAsync(
            $"/api/intake/clients/{clientId}/clearances",
            new RecordClearance("Dr. Ames", "Back Bay Family Medicine", clearedOn, expiresOn),
            TestContext.Current.CancellationToken);
}
