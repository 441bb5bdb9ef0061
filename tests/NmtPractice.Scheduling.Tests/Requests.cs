using System.Net.Http.Json;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Request bodies the tests send.</summary>
internal static class Requests
{
    public static readonly DateTimeOffset NextWeek =
        new DateTimeOffset(DateTime.UtcNow.Date.AddDays(7).AddHours(9), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(1));

    public static object Booking(Guid? appointmentId = null, Guid? locationId = null, DateTimeOffset? startsAt = null, int durationMinutes = 60) => new
    {
        appointmentId,
        clientId = Guid.CreateVersion7(),
        locationId = locationId ?? Guid.CreateVersion7(),
        therapistId = Guid.CreateVersion7(),
        serviceCode = "NMT-60",
        startsAt = startsAt ?? NextWeek,
        durationMinutes,
    };

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, object body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/scheduling/appointments", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        configure?.Invoke(request);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
