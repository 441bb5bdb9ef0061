using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NmtPractice.Benchmark;

/// <summary>Everything one run measured.</summary>
internal sealed record BenchResults(
    IReadOnlyList<LoadResult> Bookings,
    LagResult? BookingLag,
    IReadOnlyList<ClinicDayResult> ClinicDay,
    LagResult? SignedNoteLag,
    IReadOnlyList<DashboardResult> Dashboards,
    IReadOnlyList<CatchUpResult> HistoryCatchUp,
    NotificationsResult? Notifications,
    IReadOnlyDictionary<string, long> PeakMemoryBytes,
    double RunSeconds);

/// <summary>Writes the results as a markdown table and as JSON, and prints the table.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task WriteAsync(BenchSettings settings, BenchResults all)
    {
        var results = all.Bookings;
        var lag = all.BookingLag;
        var memory = all.PeakMemoryBytes;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# NmtPractice benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Parts run: {string.Join(", ", BenchSettings.AllParts.Where(settings.Runs))}; {all.RunSeconds:F0} s after the system had started.");
        if (results.Count > 0)
        {
            md.AppendLine();
            WriteBookings(md, results);
        }

        if (lag is not null)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Projection lag (booking committed -> counted in outcome reporting's daily bookings, polled every 5 ms): p50 {lag.P50:F0} ms, p99 {lag.P99:F0} ms over {lag.Samples} bookings.");
        }

        if (all.SignedNoteLag is { } noteLag)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Projection lag (session note signed -> in the client's course of care in outcome reporting, polled every 5 ms): p50 {noteLag.P50:F0} ms, p99 {noteLag.P99:F0} ms over {noteLag.Samples} notes.");
        }

        if (all.ClinicDay.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Clinic day through the gateway (35% availability searches, 20% dashboard reads, the rest visits: book, check in, read the note opened by the check-in, four sections, sign):");
            md.AppendLine();
            md.AppendLine("| concurrency | request | requests | errors | p50 ms | p95 ms | p99 ms |");
            md.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
            foreach (var cell in all.ClinicDay)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {cell.Concurrency} | **all: {cell.Throughput:F1}/s, {cell.VisitsSigned} visits signed** | {cell.Requests} | {cell.Errors} | | | |");
                foreach (var kind in cell.Kinds)
                {
                    var kinds = kind.ErrorKinds.Count == 0 ? string.Empty : $" ({string.Join(", ", kind.ErrorKinds.Select(pair => $"{pair.Key}: {pair.Value}"))})";
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {cell.Concurrency} | {kind.Kind} | {kind.Requests} | {kind.Errors}{kinds} | {kind.P50:F1} | {kind.P95:F1} | {kind.P99:F1} |");
                }
            }
        }

        if (all.Dashboards.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Dashboard reads (clinical, utilisation, daily bookings; one at a time through the gateway) by events in outcome reporting's store:");
            md.AppendLine();
            md.AppendLine("| events in store | scope | requests | p50 ms | p95 ms | p99 ms |");
            md.AppendLine("|---:|---|---:|---:|---:|---:|");
            foreach (var d in all.Dashboards)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {d.EventsInStore:N0} | {d.Query} | {d.Requests} | {d.P50:F1} | {d.P95:F1} | {d.P99:F1} |");
            }

            foreach (var catchUp in all.HistoryCatchUp)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"History backfill: the projections took in {catchUp.Events:N0} appended events in {catchUp.Seconds:F0} s ({catchUp.EventsPerSecond:F0} events/s).");
            }
        }

        if (all.Notifications is { } notifications)
        {
            md.AppendLine();
            WriteNotifications(md, notifications);
        }

        if (settings.PgbenchTps is { } tps)
        {
            md.AppendLine();
            if (results.Any(r => r.Path == "direct"))
            {
                var best = results.Where(r => r.Path == "direct").Max(r => r.Throughput);
                md.AppendLine(CultureInfo.InvariantCulture, $"Hardware reference: `pgbench -N` on the same PostgreSQL: {tps:F0} tps. Best booking throughput (direct): {best:F1}/s = {100 * best / tps:F1}% of it (a booking is several statements in one transaction).");
            }
            else
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"Hardware reference: `pgbench -N` on the same PostgreSQL: {tps:F0} tps.");
            }
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
            JsonSerializer.Serialize(
                new
                {
                    parts = BenchSettings.AllParts.Where(settings.Runs), all.RunSeconds, all.Bookings, all.BookingLag, all.SignedNoteLag, all.ClinicDay, all.Dashboards,
                    all.HistoryCatchUp, all.Notifications, pgbenchTps = settings.PgbenchTps, all.PeakMemoryBytes,
                },
                Json));
        Console.WriteLine();
        Console.WriteLine(md.ToString());
    }

    private static void WriteNotifications(StringBuilder md, NotificationsResult notifications)
    {
        md.AppendLine("Notifications (its own store counts: each message's events as PostgreSQL committed them; CPU of the notifications process from /proc/<pid>/stat):");
        md.AppendLine();
        md.AppendLine("| step | messages | seconds | per second | notifications CPU s per 1,000 |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        if (notifications.Planning is { } p)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| reminders planned from {p.Appointments:N0} bookings published on scheduling's exchange (first published -> last committed){(p.Complete ? string.Empty : "; **incomplete: the time limit passed first**")} | {p.Reminders:N0} | {p.Seconds:F1} | {p.PerSecond:F1} | {p.CpuSecondsPer1000:F2} |");
        }

        if (notifications.Sending is { } s)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| confirmations of {s.Appointments:N0} bookings through scheduling, sent by email (smtp4dev) and text (Kannel) (first booking -> last recorded sent) | {s.Sent:N0} of {s.Planned:N0} | {s.SentSeconds:F1} | {s.PerSecond:F1} | {s.CpuSecondsPer1000:F2} |");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| the same, from the first taken for sending (\"due\") to the last recorded sent | {s.Sent:N0} | {s.DispatchSeconds:F1} | {s.DispatchPerSecond:F1} | |");
            if (s.DeliveredSeconds is { } delivered)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| texts delivered (Kannel's delivery reports recorded; first booking -> last report) | {s.TextsDelivered:N0} of {s.TextsSent:N0} | {delivered:F1} | | |");
            }
        }

        static string Cpu(IReadOnlyDictionary<string, double> used) =>
            string.Join(", ", used.Where(pair => pair.Value >= 0.05).OrderByDescending(pair => pair.Value).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value:F1}")));

        if (notifications.Planning is { } planning)
        {
            var windows = planning.WindowRates is { } rates
                ? string.Create(CultureInfo.InvariantCulture, $"Once they were published, 15-second windows ran at {rates.Slowest:F0} to {rates.Fastest:F0} reminders/s. ")
                : string.Empty;
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Planning: {planning.Clients:N0} clients, {planning.Appointments:N0} bookings a year ahead, published in {planning.PublishSeconds:F1} s; other messages planned from them: {planning.OtherMessagesPlanned}. " +
                $"{windows}" +
                $"Notifications used {planning.NotificationsCpuSeconds:F1} CPU s; the machine's cores were {planning.MachineBusyPercent:F0}% busy; CPU s meanwhile: {Cpu(planning.CpuSecondsByProcess)}.");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Clean-up: the clients withdrew their consent at intake; after {planning.WithdrawSeconds:F1} s the service knew every withdrawal and had withdrawn {planning.Withdrawn:N0} of the {planning.Reminders:N0} reminders at once (any left are withdrawn by the dispatcher's consent check at their send time, never sent).");
        }

        if (notifications.Sending is { } sending)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Sending: {sending.EmailsSent:N0} emails and {sending.TextsSent:N0} texts sent, {sending.Failed} failed, {sending.Deferred} deferred for a retry, {sending.Withdrawn} withdrawn; the bookings took {sending.BookingSeconds:F1} s. " +
                $"Notifications used {sending.NotificationsCpuSeconds:F1} CPU s (until the last delivery report); the machine's cores were {sending.MachineBusyPercent:F0}% busy; CPU s meanwhile: {Cpu(sending.CpuSecondsByProcess)}.");
        }

        if (notifications.NotificationsPeakBytes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Notifications' peak resident memory (VmHWM): " + string.Join(", ", notifications.NotificationsPeakBytes.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value / (1024.0 * 1024):F0} MiB"))) + ".");
        }
    }

    private static void WriteBookings(StringBuilder md, IReadOnlyList<LoadResult> results)
    {
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
    }
}
