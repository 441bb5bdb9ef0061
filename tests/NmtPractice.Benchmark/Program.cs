using System.Diagnostics;
using NmtPractice.Benchmark;

// Drives the locally started system over loopback with a bounded load and writes a results table.
// Settings come from the environment (deploy/local/bench.sh sets them); NMT_BENCH_PARTS picks the parts.
var settings = BenchSettings.FromEnvironment();
var run = Stopwatch.StartNew();
Console.WriteLine($"[bench] parts: {string.Join(", ", BenchSettings.AllParts.Where(settings.Runs))}");
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

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

var results = new List<LoadResult>();
LagResult? lag = null;
if (settings.Runs("bookings"))
{
    // Access tokens last 15 minutes: each part takes a new one.
    var token = await Auth.TokenAsync(http, settings);
    var practice = await BenchPractice.CreateAsync(http, settings, token);
    Console.WriteLine($"[bench] practice ready: location {practice.LocationId}, {practice.Therapists.Count} therapists, {practice.Clients.Count} clients");

    // Warm-up, not counted: until the hot paths are compiled to their final tier (tiered JIT) and the
    // connection pools are filled, the first cell measured would pay for it.
    foreach (var target in new[] { settings.Gateway, settings.Scheduling })
    {
        await Load.BookingsAsync(http, target, token, practice, "warm-up", 4, 300);
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

    lag = await Load.ProjectionLagAsync(http, settings, await Auth.TokenAsync(http, settings), practice, settings.LagSamples);
    Console.WriteLine($"[bench] projection lag (booking) p50 {lag.P50:F0} ms, p99 {lag.P99:F0} ms over {lag.Samples} bookings");
}

ClinicDay? day = null;
var days = new List<ClinicDayResult>();
LagResult? noteLag = null;
if (settings.Runs("clinic-day"))
{
    day = await ClinicDay.CreateAsync(http, settings, await Auth.TokenAsync(http, settings));
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

    noteLag = await day.SignedNoteLagAsync(settings.LagSamples / 2);
    Console.WriteLine($"[bench] projection lag (signed note) p50 {noteLag.P50:F0} ms, p99 {noteLag.P99:F0} ms over {noteLag.Samples} notes");
}

var dashboards = new List<DashboardResult>();
var catchUps = new List<CatchUpResult>();
if (settings.Runs("dashboards") && settings.OutcomesDatabase is { } outcomes)
{
    // The "one clinic" scope is the clinic-day location (set up alone when that part does not run).
    day ??= await ClinicDay.CreateAsync(http, settings, await Auth.TokenAsync(http, settings));
    using var history = new History(outcomes);
    dashboards.AddRange(await Dashboards.TimeAsync(http, settings, await Auth.TokenAsync(http, settings), day.LocationId, await history.EventCountAsync(), settings.DashboardRequestsPerView));
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

        dashboards.AddRange(await Dashboards.TimeAsync(http, settings, await Auth.TokenAsync(http, settings), day.LocationId, await history.EventCountAsync(), settings.DashboardRequestsPerView));
    }
}

NotificationsResult? notifications = null;
if (settings.Runs("notifications"))
{
    notifications = await NotificationsBench.RunAsync(http, settings);
}

var memory = Memory.PeakBytes(settings.PidDirectory);
await Report.WriteAsync(settings, new BenchResults(results, lag, days, noteLag, dashboards, catchUps, notifications, memory, run.Elapsed.TotalSeconds));
