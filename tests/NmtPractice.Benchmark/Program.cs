using NmtPractice.Benchmark;

// Drives the locally started system over loopback with a bounded load and writes a results table.
// Settings come from the environment (deploy/local/bench.sh sets them).
var settings = BenchSettings.FromEnvironment();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var token = await Auth.TokenAsync(http, settings);
var practice = await BenchPractice.CreateAsync(http, settings, token);
Console.WriteLine($"[bench] practice ready: location {practice.LocationId}, {practice.Therapists.Count} therapists, {practice.Clients.Count} clients");

var results = new List<LoadResult>();
var deadline = DateTimeOffset.UtcNow + settings.TimeLimit;
foreach (var concurrency in settings.Concurrency)
{
    foreach (var (name, target) in new[] { ("gateway", settings.Gateway), ("direct", settings.Scheduling) })
    {
        if (DateTimeOffset.UtcNow > deadline)
        {
            Console.WriteLine("[bench] time limit reached; remaining cells skipped");
            break;
        }

        var result = await Load.BookingsAsync(http, target, token, practice, name, concurrency, settings.RequestsPerCell);
        results.Add(result);
        Console.WriteLine($"[bench] {result.Row()}");
    }
}

var lag = await Load.ProjectionLagAsync(http, settings, token, practice, settings.LagSamples);
Console.WriteLine($"[bench] projection lag p50 {lag.P50:F0} ms, p99 {lag.P99:F0} ms over {lag.Samples} bookings");
var memory = Memory.PeakBytes(settings.PidDirectory);
await Report.WriteAsync(settings, results, lag, memory);
