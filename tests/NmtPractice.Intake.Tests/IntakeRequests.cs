using System.Net.Http.Json;
using System.Text.Json;

namespace NmtPractice.Intake.Tests;

/// <summary>Requests the intake tests send.</summary>
internal static class IntakeRequests
{
    public static object Registration(Guid locationId, string given = "Dana", string family = "Reyes") => new
    {
        locationId,
        name = new { given, family },
        dateOfBirth = "1985-05-01",
        contact = new { email = "dana.reyes@example.org", phone = "+1 617 555 0100" },
        emergencyContact = new { name = "Sam Reyes", relationship = "spouse", phone = "+1 617 555 0101" },
        physician = new { name = "Dr. Ames", practice = "Back Bay Family Medicine" },
    };

    public static async Task<Guid> RegisterAsync(this HttpClient client, Guid locationId)
    {
        using var response = await client.PostAsJsonAsync("/api/intake/clients", Registration(locationId), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient client, Guid clientId, Dictionary<string, JsonElement> answers) =>
        client.PostAsJsonAsync($"/api/intake/clients/{clientId}/intakes", new { answers }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> ConsentAsync(this HttpClient client, Guid clientId, string kind = "treatment") =>
        client.PostAsJsonAsync(
            $"/api/intake/clients/{clientId}/consents",
            new { kind, policyVersion = "2026-01", signerName = "Dana Reyes", signerRelationship = "self", signedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> ClearAsync(this HttpClient client, Guid clientId, DateOnly clearedOn, DateOnly expiresOn) =>
        client.PostAsJsonAsync(
            $"/api/intake/clients/{clientId}/clearances",
            new { physicianName = "Dr. Ames", practice = "Back Bay Family Medicine", clearedOn, expiresOn },
            TestContext.Current.CancellationToken);
}
