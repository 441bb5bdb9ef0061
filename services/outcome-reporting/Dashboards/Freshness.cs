namespace NmtPractice.OutcomeReporting.Dashboards;

/// <summary>How current a view is: it reflects every stored event up to <see cref="ProcessedThrough"/>.</summary>
/// <param name="LastEventAt">When the newest event the view reflects reached outcome reporting (null: none yet).</param>
/// <param name="ProcessedThrough">The event sequence number the view's slowest projection has reached.</param>
/// <param name="PendingEvents">Stored events not yet reflected in the view.</param>
public sealed record Freshness(DateTimeOffset? LastEventAt, long ProcessedThrough, long PendingEvents);

/// <summary>
/// Reads the progress of the projections a view is built from. Read it before the view's documents: a
/// projection that advances in between then makes the view look older than it is, never newer.
/// </summary>
public sealed class FreshnessReader(IDocumentStore store)
{
    /// <summary>The freshness of a view built from the read models <paramref name="readModels"/> (its slowest one counts).</summary>
    public async Task<Freshness> ReadAsync(IQuerySession session, IReadOnlyCollection<Type> readModels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(readModels);
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var through = readModels
            .Select(model => progress.FirstOrDefault(shard => shard.ShardName.StartsWith(model.Name + ":", StringComparison.Ordinal))?.Sequence ?? 0)
            .DefaultIfEmpty(0)
            .Min();

        var newest = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence >= through)
            .OrderByDescending(e => e.Sequence)
            .Take(1)
            .ToListAsync(cancellationToken);
        var latest = newest.Count == 0 ? through : newest[0].Sequence;

        DateTimeOffset? lastEventAt = null;
        if (through > 0)
        {
            var reached = await session.Events.QueryAllRawEvents().Where(e => e.Sequence == through).Take(1).ToListAsync(cancellationToken);
            lastEventAt = reached.Count == 0 ? null : reached[0].Timestamp;
        }

        return new Freshness(lastEventAt, through, Math.Max(0, latest - through));
    }
}
