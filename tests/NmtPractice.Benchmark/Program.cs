using NmtPractice.Benchmark;

// Drives the locally started system over loopback with a bounded load and writes a results table.
// Settings come from the environment (deploy/local/bench.sh sets them).
var settings = BenchSettings.FromEnvironment();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var token = await Auth.TokenAsync(http, settings);
var practice = await BenchPractice.CreateAsync(http, settings, token);
Console.WriteLine($"[bench] practice ready: location {practice.LocationId}, {practice.Therapists.Count} therapists, {practice.Clients.Count} clients");

// Warm-up, not counted: until the hot paths are compiled to their final tier (tiered JIT) and the
// connection pools are filled, the first cell measured would pay for it.
foreach (var target in new[] { settings.Gateway, settings.Scheduling })
{
    await Load.BookingsAsync(http, target, token, practice, "warm-up", 4, 300);
}

var results = new List<LoadResult>();
var deadline = DateTimeOffset.UtcNow + settings.TimeLimit;
bool InTime()
{
    if (DateTimeOffset.UtcNow <= deadline)
    {
        return true;
    }

    Console.WriteLine("[bench] time limit reached; remaining cells skipped");
    return false;
}

foreach (var concurrency in settings.Concurrency)
{
    foreach (var (name, target) in new[] { ("gateway", settings.Gateway), ("direct", settings.Scheduling) })
    {
        if (!InTime())
        {
            break;
        }

        var result = await Load.BookingsAsync(http, target, token, practice, name, concurrency, settings.RequestsPerCell);
        results.Add(result);
        Console.WriteLine($"[bench] {result.Row()}");
    }
}

var lag = await Load.ProjectionLagAsync(http, settings, token, practice, settings.LagSamples);
Console.WriteLine($"[bench] projection lag (booking) p50 {lag.P50:F0} ms, p99 {lag.P99:F0} ms over {lag.Samples} bookings");

var day = await ClinicDay.CreateAsync(http, settings, token);
var days = new List<ClinicDayResult>();
foreach (var concurrency in settings.Concurrency)
{
    if (!InTime())
    {
        break;
    }

    // Enough requests that every worker carries several visits through to their signature.
    var result = await day.RunAsync(concurrency, Math.Max(settings.DayRequestsPerCell, 40 * concurrency));
    days.Add(result);
    Console.WriteLine($"[bench] clinic day, concurrency {concurrency}: {result.Requests} requests, {result.Errors} errors, {result.Throughput:F1}/s, {result.VisitsSigned} visits signed");
}

var noteLag = await day.SignedNoteLagAsync(settings.LagSamples / 2);
Console.WriteLine($"[bench] projection lag (signed note) p50 {noteLag.P50:F0} ms, p99 {noteLag.P99:F0} ms over {noteLag.Samples} notes");

var dashboards = new List<DashboardResult>();
var catchUps = new List<CatchUpResult>();
if (settings.OutcomesDatabase is { } outcomes)
{
    using var history = new History(outcomes);
    dashboards.AddRange(await Dashboards.TimeAsync(http, settings, token, day.LocationId, await history.EventCountAsync(), settings.DashboardRequestsPerView));
    foreach (var size in settings.HistorySizes)
    {
        if (!InTime())
        {
            break;
        }

        if (await history.GrowToAsync(size, deadline - DateTimeOffset.UtcNow) is { } catchUp)
        {
            catchUps.Add(catchUp);
            Console.WriteLine($"[bench] projections took in {catchUp.Events} events in {catchUp.Seconds:F0} s ({catchUp.EventsPerSecond:F0}/s)");
        }

        dashboards.AddRange(await Dashboards.TimeAsync(http, settings, token, day.LocationId, await history.EventCountAsync(), settings.DashboardRequestsPerView));
    }
}

var memory = Memory.PeakBytes(settings.PidDirectory);
await Report.WriteAsync(settings, new BenchResults(results, lag, days, noteLag, dashboards, catchUps, memory));
