using System.Diagnostics;
using System.Net.Http.Headers;

namespace NmtPractice.Benchmark;

/// <summary>Dashboard reads timed one at a time, for three scopes: one clinic's last four weeks, the whole chain's, and one clinic's year.</summary>
internal static class Dashboards
{
    private static readonly string[] Views = ["clinical", "operations/utilisation", "operations/daily-bookings"];

    public static async Task<IReadOnlyList<DashboardResult>> TimeAsync(HttpClient http, BenchSettings settings, string token, Guid clinic, long eventsInStore, int requestsPerView)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var scopes = new (string Name, string Query)[]
        {
            ("one clinic, 28 days", $"from={today.AddDays(-27):yyyy-MM-dd}&to={today:yyyy-MM-dd}&locationId={clinic}"),
            ("whole chain, 28 days", $"from={today.AddDays(-27):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
            ("one history clinic, 365 days", $"from={today.AddDays(-365):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}&locationId={History.BusiestLocation}"),
        };
        var results = new List<DashboardResult>();
        foreach (var (name, query) in scopes)
        {
            var latencies = new List<double>();
            foreach (var view in Views)
            {
                for (var i = 0; i < requestsPerView; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Gateway, $"api/outcomes/{view}?{query}"));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var watch = Stopwatch.StartNew();
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"Dashboard {view}?{query} answered {(int)response.StatusCode}.");
                    }
                }
            }

            var sorted = latencies.Order().ToArray();
            results.Add(new DashboardResult(eventsInStore, name, sorted.Length, Load.Percentile(sorted, 0.5), Load.Percentile(sorted, 0.95), Load.Percentile(sorted, 0.99)));
        }

        return results;
    }
}
