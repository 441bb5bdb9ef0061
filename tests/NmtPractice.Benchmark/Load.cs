using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NmtPractice.Testing.Practice;

namespace NmtPractice.Benchmark;

/// <summary>Latency figures of one cell of the run.</summary>
internal sealed record LoadResult(
    string Operation, string Path, int Concurrency, int Requests, int Errors, double Seconds, double P50, double P95, double P99, IReadOnlyDictionary<string, int> ErrorKinds)
{
    public double Throughput => Requests / Seconds;

    public string Row() => $"{Operation} via {Path}, concurrency {Concurrency}: {Requests} requests, {Errors} errors{Kinds}, {Throughput:F1}/s, p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms";

    /// <summary>What the errors were, e.g. " (409 Slot taken: 3)".</summary>
    public string Kinds => ErrorKinds.Count == 0 ? "" : $" ({string.Join(", ", ErrorKinds.Select(pair => $"{pair.Key}: {pair.Value}"))})";
}

/// <summary>Projection lag: from a committed booking to its effect in the outcome read model.</summary>
internal sealed record LagResult(int Samples, double P50, double P99);

internal static class Load
{
    /// <summary>Books <paramref name="requests"/> slots with <paramref name="concurrency"/> workers against one address.</summary>
    public static async Task<LoadResult> BookingsAsync(HttpClient http, Uri target, string token, BenchPractice practice, string path, int concurrency, int requests)
    {
        var latencies = new double[requests];
        var errors = 0;
        var kinds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var issued = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref issued) is var i && i < requests)
            {
                var watch = Stopwatch.StartNew();
                using var response = await BenchPractice.SendRawAsync(http, target, token, HttpMethod.Post, "api/scheduling/appointments", practice.NextBooking());
                latencies[i] = watch.Elapsed.TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref errors);
                    string? title = null;
                    if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
                    {
                        title = (await response.Content.ReadFromJsonAsync<Problem>())?.Title;
                    }

                    kinds.AddOrUpdate($"{(int)response.StatusCode} {title}".Trim(), 1, (_, count) => count + 1);
                }
            }
        });
        await Task.WhenAll(workers);
        total.Stop();
        Array.Sort(latencies);
        return new LoadResult(
            "booking", path, concurrency, requests, errors, total.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            new SortedDictionary<string, int>(kinds, StringComparer.Ordinal));
    }

    /// <summary>One booking at a time; after each, polls the daily bookings view until it counts it.</summary>
    public static async Task<LagResult> ProjectionLagAsync(HttpClient http, BenchSettings settings, string token, BenchPractice practice, int samples)
    {
        var lags = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var booking = practice.NextBooking();
            var day = booking.StartsAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var before = await BookedAsync(http, settings, token, practice, day);
            using (var response = await BenchPractice.SendRawAsync(http, settings.Gateway, token, HttpMethod.Post, "api/scheduling/appointments", booking))
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }
            }

            var committed = Stopwatch.StartNew();
            while (committed.Elapsed < TimeSpan.FromSeconds(30) && await BookedAsync(http, settings, token, practice, day) <= before)
            {
                await Task.Delay(5);
            }

            lags.Add(committed.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"[bench] booking lag samples in order (ms): {string.Join(' ', lags.Select(lag => lag.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
        var sorted = lags.Order().ToArray();
        return new LagResult(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static async Task<int> BookedAsync(HttpClient http, BenchSettings settings, string token, BenchPractice practice, string day)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Gateway, $"api/outcomes/operations/daily-bookings?from={day}&to={day}&locationId={practice.LocationId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<DailyBookingsView>() ?? throw new InvalidOperationException("The daily bookings view answered null.");
        return body.Items.Sum(row => row.AppointmentsBooked);
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
