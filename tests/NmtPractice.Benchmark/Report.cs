using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NmtPractice.Benchmark;

/// <summary>Writes the results as a markdown table and as JSON, and prints the table.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task WriteAsync(BenchSettings settings, IReadOnlyList<LoadResult> results, LagResult lag, IReadOnlyDictionary<string, long> memory)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# NmtPractice benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        md.AppendLine();
        md.AppendLine("| operation | path | concurrency | requests | errors | throughput/s | p50 ms | p95 ms | p99 ms |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Operation} | {r.Path} | {r.Concurrency} | {r.Requests} | {r.Errors}{r.Kinds} | {r.Throughput:F1} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} |");
        }

        md.AppendLine();
        md.AppendLine("Gateway overhead (gateway p50 / direct p50, and direct throughput / gateway throughput):");
        md.AppendLine();
        foreach (var level in results.Select(r => r.Concurrency).Distinct())
        {
            var gateway = results.FirstOrDefault(r => r.Concurrency == level && r.Path == "gateway");
            var direct = results.FirstOrDefault(r => r.Concurrency == level && r.Path == "direct");
            if (gateway is not null && direct is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- concurrency {level}: latency x{gateway.P50 / direct.P50:F2}, throughput x{direct.Throughput / gateway.Throughput:F2}");
            }
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Projection lag (booking committed -> counted in outcome reporting's daily bookings, polled every 5 ms): p50 {lag.P50:F0} ms, p99 {lag.P99:F0} ms over {lag.Samples} bookings.");
        if (settings.PgbenchTps is { } tps)
        {
            var best = results.Where(r => r.Path == "direct").Select(r => r.Throughput).DefaultIfEmpty(0).Max();
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Hardware reference: `pgbench -N` on the same PostgreSQL: {tps:F0} tps. Best booking throughput (direct): {best:F1}/s = {100 * best / tps:F1}% of it (a booking is several statements in one transaction).");
        }

        if (memory.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Peak resident memory (VmHWM): " + string.Join(", ", memory.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value / (1024.0 * 1024):F0} MiB"))) + ".");
        }

        Directory.CreateDirectory(settings.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "results.md"), md.ToString());
        await File.WriteAllTextAsync(
            Path.Combine(settings.OutputDirectory, "results.json"),
            JsonSerializer.Serialize(new { results, projectionLag = lag, pgbenchTps = settings.PgbenchTps, peakMemoryBytes = memory }, Json));
        Console.WriteLine();
        Console.WriteLine(md.ToString());
    }
}
