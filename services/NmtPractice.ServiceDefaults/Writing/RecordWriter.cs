using JasperFx.Events;
using Marten;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults.Writing;

/// <summary>
/// The one way a request changes an event-sourced record: load it for writing (404 when unknown),
/// check the caller may change it (403, audited), check <c>If-Match</c> against the stream version
/// (428/412), let the caller decide the events, append them with their audit row in one commit, and
/// answer with the new version as the ETag. A concurrent commit between load and save is a 409.
/// </summary>
public sealed class RecordWriter(IDocumentSession session, CurrentUser user, IHttpContextAccessor http, IServiceProvider services)
{
    /// <summary>The session the write commits in, for documents that change with it (reservations).</summary>
    public IDocumentSession Session => session;

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("There is no current request.");

    private AuditLog Audit => services.GetRequiredService<AuditLog>();

    /// <summary>
    /// Loads record <paramref name="id"/> for a change and checks who and which version; a write that
    /// checks access its own way passes <paramref name="mayChange"/> in place of the rules' check.
    /// </summary>
    public async Task<RecordWrite<T>> LoadAsync<T>(
        RecordRules<T> rules, Guid id, Audited audited, CancellationToken cancellationToken, Func<T, bool>? mayChange = null)
        where T : class, IEventSourced<T>
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(audited);
        var expected = Context.Request.ExpectedVersion();
        var stream = await session.Events.FetchForWriting<T>(id, cancellationToken).ConfigureAwait(false);
        var state = stream.Aggregate ?? throw new NotFoundException($"{rules.Title} not found", $"No {rules.Noun} has this id.");
        if (!(mayChange?.Invoke(state) ?? await rules.AllowsAsync(state, user, services, cancellationToken).ConfigureAwait(false)))
        {
            await Audit.RecordDeniedAsync(rules.RefusalEntry(id, state, audited), cancellationToken).ConfigureAwait(false);
            throw new ForbiddenException(rules.Refusal) { Audited = true };
        }

        // Who may change it is decided first: someone who may not is refused whatever version they name.
        if (expected is null && rules.IfMatchRequired)
        {
            throw new PreconditionRequiredException($"Send If-Match with the ETag of the {rules.Noun} you read, so that no one's change is overwritten.");
        }

        if (expected is { } version && version != stream.CurrentVersion)
        {
            throw new PreconditionFailedException($"The {rules.Noun} is at version {stream.CurrentVersion}; you sent changes to version {version}. Read it again.");
        }

        return new RecordWrite<T>(this, rules, stream, audited);
    }

    /// <summary>Load, decide, append and commit in one call, for writes that need nothing between.</summary>
    public async Task<Written<T>> WriteAsync<T>(
        RecordRules<T> rules, Guid id, Audited audited, Func<T, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
        where T : class, IEventSourced<T>
    {
        ArgumentNullException.ThrowIfNull(decide);
        var write = await LoadAsync(rules, id, audited, cancellationToken).ConfigureAwait(false);
        return await write.CommitAsync(decide(write.State), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues events on another record that changes with this write, in the same commit (say, the
    /// appointments a room's retirement moves): read for writing (the commit fails if it changes
    /// meanwhile), checked for access as the caller, decided on as it stands, and audited as its own
    /// change. The record as the events leave it.
    /// </summary>
    public async Task<T> AlongAsync<T>(
        RecordRules<T> rules, Guid id, Audited audited, Func<T, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
        where T : class, IEventSourced<T>
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(decide);
        var stream = await session.Events.FetchForWriting<T>(id, cancellationToken).ConfigureAwait(false);
        var state = stream.Aggregate ?? throw new NotFoundException($"{rules.Title} not found", $"No {rules.Noun} has this id.");
        if (!await rules.AllowsAsync(state, user, services, cancellationToken).ConfigureAwait(false))
        {
            await Audit.RecordDeniedAsync(rules.RefusalEntry(id, state, audited), cancellationToken).ConfigureAwait(false);
            throw new ForbiddenException(rules.Refusal) { Audited = true };
        }

        var events = decide(state);
        var written = Stage(rules, id, state, stream.CurrentVersion ?? 0, events, audited);
        stream.AppendMany(events.ToArray());
        return written.State;
    }

    /// <summary>
    /// Commits the changes queued with <see cref="AlongAsync{T}"/> when no one record leads the write
    /// (say, a series changed from one occurrence on), with <paramref name="save"/>, which translates
    /// the errors of the documents that change with them.
    /// </summary>
    public Task CommitAlongAsync(Func<IDocumentSession, CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        return save(session, cancellationToken);
    }

    /// <summary>Commits the changes queued in <see cref="Session"/> when no record leads the write (documents, and streams started by a helper).</summary>
    public Task CommitAlongAsync(CancellationToken cancellationToken) => session.SaveChangesAsync(cancellationToken);

    /// <summary>
    /// Starts record <paramref name="id"/> with its first events, audited, and commits; <paramref name="created"/>
    /// is the record as the first event creates it. An id (or unique code) that exists already is
    /// <paramref name="collision"/> (409).
    /// </summary>
    public Task<Written<T>> StartAsync<T>(
        RecordRules<T> rules, Guid id, T created, IReadOnlyList<object> events, ProblemException collision, CancellationToken cancellationToken)
        where T : class, IEventSourced<T> =>
        StartAsync(rules, id, created, events, (_, token) => SaveNewAsync(collision, token), cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync{T}(RecordRules{T}, Guid, T, IReadOnlyList{object}, ProblemException, CancellationToken)"/>,
    /// committing with <paramref name="save"/>, for a write that handles a collision itself (a retried booking).
    /// </summary>
    public async Task<Written<T>> StartAsync<T>(
        RecordRules<T> rules, Guid id, T created, IReadOnlyList<object> events, Func<IDocumentSession, CancellationToken, Task> save, CancellationToken cancellationToken)
        where T : class, IEventSourced<T>
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(save);
        session.Events.StartStream<T>(id, events.ToArray());
        var written = Stage(rules, id, created, 1, events.Skip(1).ToList(), Audited.Create);
        await save(session, cancellationToken).ConfigureAwait(false);
        return Answer(written);
    }

    /// <summary>Commits the session, turning "this exists already" into <paramref name="collision"/>.</summary>
    public async Task SaveNewAsync(ProblemException collision, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreErrors.IsCollision(ex))
        {
            throw collision;
        }
    }

    /// <summary>Folds the events onto the record and queues the audit row; nothing is committed yet.</summary>
    internal Written<T> Stage<T>(RecordRules<T> rules, Guid id, T state, long version, IReadOnlyList<object> events, Audited audited)
        where T : class, IEventSourced<T>
    {
        var after = events.Aggregate(state, (current, @event) => current.After(@event));
        if (rules.AuditEntry(id, state, audited) is { } entry)
        {
            Audit.RecordWrite(session, entry);
        }

        return new Written<T>(after, version + events.Count);
    }

    /// <summary>Sets the ETag of a committed write.</summary>
    internal Written<T> Answer<T>(Written<T> written)
    {
        Context.Response.SetETag(written.Version);
        return written;
    }
}

/// <summary>A record loaded for writing, checked for access and version.</summary>
public sealed class RecordWrite<T>
    where T : class, IEventSourced<T>
{
    private readonly RecordWriter _writer;
    private readonly RecordRules<T> _rules;
    private readonly IEventStream<T> _stream;
    private readonly Audited _audited;

    internal RecordWrite(RecordWriter writer, RecordRules<T> rules, IEventStream<T> stream, Audited audited)
    {
        _writer = writer;
        _rules = rules;
        _stream = stream;
        _audited = audited;
    }

    /// <summary>The record as loaded.</summary>
    public T State => _stream.Aggregate!;

    /// <summary>The stream version as loaded.</summary>
    public long Version => _stream.CurrentVersion ?? 0;

    /// <summary>Appends the decided events with their audit row, commits, and sets the ETag.</summary>
    public Task<Written<T>> CommitAsync(IReadOnlyList<object> events, CancellationToken cancellationToken) =>
        CommitAsync(events, (session, token) => session.SaveChangesAsync(token), cancellationToken);

    /// <summary>
    /// As <see cref="CommitAsync(IReadOnlyList{object}, CancellationToken)"/>, committing with <paramref name="save"/>,
    /// which translates the errors of the documents that change with the events.
    /// </summary>
    public async Task<Written<T>> CommitAsync(
        IReadOnlyList<object> events, Func<IDocumentSession, CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(save);
        var written = _writer.Stage(_rules, _stream.Id, State, Version, events, _audited);
        _stream.AppendMany(events.ToArray());
        await save(_writer.Session, cancellationToken).ConfigureAwait(false);
        return _writer.Answer(written);
    }
}

/// <summary>A committed write: the record as it now stands and its new stream version (the ETag sent).</summary>
public sealed record Written<T>(T State, long Version);
