using System.Globalization;

namespace NmtPractice.Benchmark;

/// <summary>What the benchmark drives and how hard (environment variables, set by deploy/local/bench.sh).</summary>
internal sealed record BenchSettings(
    Uri Gateway,
    Uri Scheduling,
    string ClientSecret,
    IReadOnlyList<int> Concurrency,
    int RequestsPerCell,
    int LagSamples,
    TimeSpan TimeLimit,
    string OutputDirectory,
    string? PidDirectory,
    double? PgbenchTps,
    int DayRequestsPerCell,
    string? OutcomesDatabase,
    IReadOnlyList<long> HistorySizes,
    int DashboardRequestsPerView,
    IReadOnlySet<string> Parts,
    string? NotificationsDatabase,
    Uri? SchedulingBroker,
    int Reminders,
    int Sends,
    TimeSpan DeliveryReportWait)
{
    /// <summary>The parts of the benchmark, in the order they run (<c>NMT_BENCH_PARTS</c> picks some).</summary>
    public static readonly IReadOnlyList<string> AllParts = ["bookings", "clinic-day", "dashboards", "notifications"];

    /// <summary>Whether the run includes <paramref name="part"/>.</summary>
    public bool Runs(string part) => Parts.Contains(part);

    public static BenchSettings FromEnvironment()
    {
        static string Get(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        static int Int(string name, string fallback) => int.Parse(Get(name, fallback), CultureInfo.InvariantCulture);
        var gateway = new Uri(Get("NMT_BENCH_GATEWAY", "http://127.0.0.1:5080/"));
        if (!gateway.IsLoopback || !new Uri(Get("NMT_BENCH_SCHEDULING", "http://127.0.0.1:5101/")).IsLoopback)
        {
            throw new InvalidOperationException("The benchmark drives 127.0.0.1 only.");
        }

        var parts = Get("NMT_BENCH_PARTS", string.Join(',', AllParts)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        if (parts.Count == 0 || parts.Except(AllParts).Any())
        {
            throw new InvalidOperationException($"NMT_BENCH_PARTS names parts of the benchmark, comma-separated, of: {string.Join(", ", AllParts)}.");
        }

        var broker = Environment.GetEnvironmentVariable("NMT_BENCH_SCHEDULING_BROKER") is { Length: > 0 } uri ? new Uri(uri) : null;
        if (broker is not null && !broker.IsLoopback)
        {
            throw new InvalidOperationException("The benchmark publishes to a broker on 127.0.0.1 only.");
        }

        return new BenchSettings(
            gateway,
            new Uri(Get("NMT_BENCH_SCHEDULING", "http://127.0.0.1:5101/")),
            Get("NMT_DEMO_SEEDER_SECRET", "") is { Length: > 0 } secret ? secret : throw new InvalidOperationException("NMT_DEMO_SEEDER_SECRET is not set."),
            [.. Get("NMT_BENCH_CONCURRENCY", "1,8,32").Split(',').Select(level => int.Parse(level, CultureInfo.InvariantCulture))],
            Int("NMT_BENCH_REQUESTS", "400"),
            Int("NMT_BENCH_LAG_SAMPLES", "40"),
            TimeSpan.FromSeconds(Int("NMT_BENCH_TIME_LIMIT_SECONDS", "2400")),
            Get("NMT_BENCH_OUT", ".run/bench"),
            Environment.GetEnvironmentVariable("NMT_BENCH_PIDS"),
            double.TryParse(Environment.GetEnvironmentVariable("NMT_BENCH_PGBENCH_TPS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) ? tps : null,
            Int("NMT_BENCH_DAY_REQUESTS", "400"),
            Environment.GetEnvironmentVariable("NMT_BENCH_OUTCOMES_DB") is { Length: > 0 } outcomes ? outcomes : null,
            [.. Get("NMT_BENCH_HISTORY", "100000,1000000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(size => long.Parse(size, CultureInfo.InvariantCulture))],
            Int("NMT_BENCH_DASHBOARD_REQUESTS", "10"),
            parts,
            Environment.GetEnvironmentVariable("NMT_BENCH_NOTIFICATIONS_DB") is { Length: > 0 } notifications ? notifications : null,
            broker,
            Int("NMT_BENCH_REMINDERS", "100000"),
            Int("NMT_BENCH_SENDS", "2000"),
            TimeSpan.FromSeconds(Int("NMT_BENCH_DELIVERY_WAIT_SECONDS", "60")));
    }
}
