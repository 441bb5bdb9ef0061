namespace NmtPractice.Intake.Clients;

/// <summary>The write path for a client record whose decision dates by the clinic's day.</summary>
internal static class ClientWrites
{
    /// <summary>
    /// Loads record <paramref name="id"/> for a change (access, audit), decides with an actor on the
    /// day of the client's location, and commits.
    /// </summary>
    public static async Task<Written<ClientRecord>> DecideOnTheLocationsDayAsync(
        this RecordWriter writer, Guid id, Audited audited, string userId, DateTimeOffset now,
        Func<ClientRecord, Actor, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decide);
        var write = await writer.LoadAsync(ClientAccess.Rules, id, audited, cancellationToken);
        var zone = await LocationClock.ZoneOfAsync(writer.Session, write.State.LocationId, cancellationToken);
        return await write.CommitAsync(decide(write.State, new Actor(userId, now, zone)), cancellationToken);
    }
}
