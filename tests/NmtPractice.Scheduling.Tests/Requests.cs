using System.Net.Http.Json;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Requests the tests send.</summary>
internal static class Requests
{
    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, BookAppointment booking, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/scheduling/appointments", UriKind.Relative))
        {
            Content = JsonContent.Create(booking),
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
}
