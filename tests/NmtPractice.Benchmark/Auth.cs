using System.Net.Http.Json;
using System.Text.Json;

namespace NmtPractice.Benchmark;

/// <summary>A token for the demo service account (operations admin, front desk, therapist).</summary>
internal static class Auth
{
    public static async Task<string> TokenAsync(HttpClient http, BenchSettings settings)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "nmt-demo-data",
            ["client_secret"] = settings.ClientSecret,
            ["scope"] = "nmt-api",
        });
        using var response = await http.PostAsync(new Uri(settings.Gateway, "connect/token"), form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
