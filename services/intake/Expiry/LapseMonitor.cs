using JasperFx;
using Microsoft.Extensions.Options;
using NmtPractice.ServiceDefaults.Hosting;

namespace NmtPractice.Intake.Expiry;

/// <summary>
/// Looks for intakes past their validity and physician clearances past their expiry, and lapses
/// them (the screening is decided again without a lapsed clearance; a lapsed intake is published so
/// that scheduling asks for a renewal). Runs only where the async daemon runs: one process per service.
/// </summary>
internal sealed partial class LapseMonitor(
    IDocumentStore store,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    ILogger<LapseMonitor> logger) : RecurringJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.ExpiryCheckInterval;

    protected override string Work => "Looking for lapsed intakes and clearances";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => LapseDueAsync(cancellationToken);

    /// <summary>Lapses everything due today; returns how many client records changed.</summary>
    internal async Task<int> LapseDueAsync(CancellationToken cancellationToken)
    {
        // Each record lapses by its clinic's day: ask for everything due by the latest day anywhere
        // (UTC+14), and let each record's decision, dated in its location's zone, say what is due.
        var now = Time.GetUtcNow();
        var today = new Actor("system:lapse-monitor", now).LatestToday;
        List<Guid> due;
        await using (var query = store.QuerySession())
        {
            due = (await query.Query<ClientRecord>()
                    .Where(c => c.MergedInto == null && ((c.Intake != null && !c.Intake.Lapsed && c.Intake.ValidUntil < today)
                        || c.Clearances.Any(x => !x.Lapsed && x.ExpiresOn < today)))
                    .Select(c => c.Id)
                    .ToListAsync(cancellationToken))
                .ToList();
        }

        var changed = 0;
        foreach (var clientId in due)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<ClientRecord>(clientId, cancellationToken);
            var zone = await LocationClock.ZoneOfAsync(session, stream.Aggregate!.LocationId, cancellationToken);
            var events = ClientDecisions.Lapse(stream.Aggregate, RuleSet.Current, new Actor("system:lapse-monitor", now, zone));
            if (events.Count == 0)
            {
                continue;
            }

            stream.AppendMany(events);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                changed++;
            }
            catch (ConcurrencyException)
            {
                // Changed meanwhile: the next round decides on the new state.
            }
        }

        if (changed > 0)
        {
            LogLapsed(Logger, changed);
        }

        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lapsed intakes or clearances on {Count} client records")]
    private static partial void LogLapsed(ILogger logger, int count);
}
