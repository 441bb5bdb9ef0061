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
    int DashboardRequestsPerView)
{
    public static BenchSettings FromEnvironment()
    {
        static string Get(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        var gateway = new Uri(Get("NMT_BENCH_GATEWAY", "http://127.0.0.1:5080/"));
        if (!gateway.IsLoopback || !new Uri(Get("NMT_BENCH_SCHEDULING", "http://127.0.0.1:5101/")).IsLoopback)
        {
            throw new InvalidOperationException("The benchmark drives 127.0.0.1 only.");
        }

        return new BenchSettings(
            gateway,
            new Uri(Get("NMT_BENCH_SCHEDULING", "http://127.0.0.1:5101/")),
            Get("NMT_DEMO_SEEDER_SECRET", "") is { Length: > 0 } secret ? secret : throw new InvalidOperationException("NMT_DEMO_SEEDER_SECRET is not set."),
            [.. Get("NMT_BENCH_CONCURRENCY", "1,8,32").Split(',').Select(level => int.Parse(level, CultureInfo.InvariantCulture))],
            int.Parse(Get("NMT_BENCH_REQUESTS", "400"), CultureInfo.InvariantCulture),
            int.Parse(Get("NMT_BENCH_LAG_SAMPLES", "40"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(Get("NMT_BENCH_TIME_LIMIT_SECONDS", "2400"), CultureInfo.InvariantCulture)),
            Get("NMT_BENCH_OUT", ".run/bench"),
            Environment.GetEnvironmentVariable("NMT_BENCH_PIDS"),
            double.TryParse(Environment.GetEnvironmentVariable("NMT_BENCH_PGBENCH_TPS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) ? tps : null,
            int.Parse(Get("NMT_BENCH_DAY_REQUESTS", "400"), CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("NMT_BENCH_OUTCOMES_DB") is { Length: > 0 } outcomes ? outcomes : null,
            [.. Get("NMT_BENCH_HISTORY", "100000,1000000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(size => long.Parse(size, CultureInfo.InvariantCulture))],
            int.Parse(Get("NMT_BENCH_DASHBOARD_REQUESTS", "10"), CultureInfo.InvariantCulture));
    }
}
