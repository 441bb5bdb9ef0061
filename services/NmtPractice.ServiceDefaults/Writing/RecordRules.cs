using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Clients;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults.Writing;

/// <summary>
/// How the write path (and an audited read) treats one kind of record: what it is called in errors, who may change it,
/// whether a write must name the version it read, and how its changes are audited. One instance per
/// aggregate, next to the aggregate.
/// </summary>
/// <typeparam name="T">The aggregate.</typeparam>
public sealed record RecordRules<T>
    where T : class, IEventSourced<T>
{
    /// <summary>The record's name in errors, in lower case: <c>client</c>, <c>session note</c>.</summary>
    public required string Noun { get; init; }

    /// <summary>The location the record belongs to, when it belongs to one.</summary>
    public required Func<T, Guid?> Location { get; init; }

    /// <summary>Whether the caller may change the record; by default, whether they work at its location.</summary>
    public Func<T, CurrentUser, bool>? MayChange { get; init; }

    /// <summary>The 403 detail when they may not.</summary>
    public string Refusal { get; init; } = "This belongs to a location you do not work at.";

    /// <summary>Whether a write without <c>If-Match</c> is refused (428) rather than applied to the current version.</summary>
    public bool IfMatchRequired { get; init; }

    /// <summary>The audit log's name for the record (<c>session-note</c>), or null when its changes are not audited.</summary>
    public string? AuditResource { get; init; }

    /// <summary>The client the record is about, for the audit log's accounting of disclosures.</summary>
    public Func<T, Guid?> Client { get; init; } = _ => null;

    /// <summary>
    /// The client whose reach (<see cref="ClientReach"/>) also opens the record: staff of every location
    /// where that client is registered, booked or treated, not only of the record's own location, as
    /// for a chain client's intake or notes. Null: the record's own location alone. Not consulted when
    /// <see cref="MayChange"/> decides.
    /// </summary>
    public Func<T, Guid>? ReachOf { get; init; }

    /// <summary>A client reaches the records about themselves alone; staff, by <see cref="MayChange"/> or the location.</summary>
    internal bool Allows(T state, CurrentUser user) => user.IsClient
        ? Client(state) is { } client && user.IsOwnClient(client)
        : MayChange?.Invoke(state, user) ?? Location(state) is not { } location || user.CanAccess(location);

    /// <summary><see cref="Allows"/>, or else related to the client of <see cref="ReachOf"/>.</summary>
    internal async ValueTask<bool> AllowsAsync(T state, CurrentUser user, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Allows(state, user))
        {
            return true;
        }

        if (MayChange is not null || ReachOf is null || user.IsClient)
        {
            return false;
        }

        var reaches = services.GetRequiredService<ClientReaches>();
        return reaches.IsRelated(await reaches.ForAsync(ReachOf(state), cancellationToken).ConfigureAwait(false));
    }

    internal AuditEntry? AuditEntry(Guid id, T state, Audited audited) =>
        (audited.Resource ?? AuditResource) is { } resource
            ? new AuditEntry(audited.Action, resource, id.ToString(), Location(state), Client(state))
            : null;

    /// <summary>The audit row of a refused read or write: every refusal is audited, audited records or not.</summary>
    internal AuditEntry RefusalEntry(Guid id, T state, Audited audited) =>
        new(audited.Action, audited.Resource ?? AuditResource ?? Noun.Replace(' ', '-'), id.ToString(), Location(state), Client(state));

    internal string Title => $"{char.ToUpperInvariant(Noun[0])}{Noun[1..]}";
}

/// <summary>What the audit log records a write as: the action and, when not the record's own, the resource.</summary>
/// <param name="Action"><c>create</c>, <c>update</c>, <c>sign</c>...</param>
/// <param name="Resource">The audit resource, when this write concerns a part of the record (<c>intake</c>).</param>
public sealed record Audited(string Action, string? Resource = null)
{
    public static readonly Audited Update = new("update");

    public static readonly Audited Create = new("create");

    public static readonly Audited Read = new("read");
}
