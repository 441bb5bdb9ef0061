using System.Net.Http.Json;
using System.Text.Json;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Requests the tests send.</summary>
internal static class Requests
{
    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, object body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/scheduling/appointments", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        configure?.Invoke(request);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, Guid appointmentId, string command, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/scheduling/appointments/{appointmentId}/{command}", UriKind.Relative))
        {
            Content = JsonContent.Create(body ?? new { }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The appointment as the API reads it back.</summary>
    public static Task<JsonElement> AppointmentAsync(this HttpClient client, Guid appointmentId) =>
        client.GetFromJsonAsync<JsonElement>(new Uri($"/api/scheduling/appointments/{appointmentId}", UriKind.Relative), TestContext.Current.CancellationToken);

    /// <summary>The appointment's status as the API reads it back.</summary>
    public static async Task<string?> StatusOfAsync(this HttpClient client, Guid appointmentId) =>
        (await client.AppointmentAsync(appointmentId)).GetProperty("status").GetString();

    /// <summary>The title of a ProblemDetails response: the stable summary of why it was refused.</summary>
    public static async Task<string?> ProblemTitleAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("title").GetString();
}
