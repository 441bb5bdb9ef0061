using System.Collections.Concurrent;
using JasperFx.Events.Daemon;

namespace NmtPractice.OutcomeReporting.Rebuilding.RebuildingReadModels;

/// <summary>A rebuild of every read model, one after another.</summary>
/// <param name="Id">The rebuild.</param>
/// <param name="State">running, succeeded or failed.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="EventsToReplay">Events in the store when it started.</param>
/// <param name="ReadModels">Progress of each read model.</param>
/// <param name="Error">Why it failed (the exception type; details are in the service log).</param>
public sealed record RebuildStatus(
    Guid Id,
    string State,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long EventsToReplay,
    IReadOnlyList<ReadModelRebuild> ReadModels,
    string? Error);

/// <summary>One read model's rebuild.</summary>
/// <param name="Name">The read model.</param>
/// <param name="State">pending, rebuilding, done or failed.</param>
/// <param name="EventsProcessed">Event sequence the rebuild has reached.</param>
public sealed record ReadModelRebuild(string Name, string State, long EventsProcessed);

/// <summary>
/// Rebuilds every read model from outcome reporting's own event store while the service keeps
/// running: the async daemon stops each projection, clears its documents and replays every event, and
/// the projection is then started again to follow new events. One rebuild at a time; the status of recent rebuilds is kept in memory.
/// </summary>
public sealed partial class ReadModelRebuilder(
    IDocumentStore store,
    IProjectionCoordinator coordinator,
    TimeProvider time,
    ILogger<ReadModelRebuilder> logger,
    IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(10);
    private int _running;
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    /// <summary>Starts a rebuild, or returns null when one is already running.</summary>
    public async Task<RebuildStatus?> StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return null;
        }

        try
        {
            var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
            var job = new Job(Guid.CreateVersion7(), time.GetUtcNow(), statistics.EventSequenceNumber);
            _jobs[job.Id] = job;
            _ = Task.Run(() => RunAsync(job), CancellationToken.None);
            return await StatusAsync(job.Id, cancellationToken);
        }
        catch
        {
            Volatile.Write(ref _running, 0);
            throw;
        }
    }

    /// <summary>A rebuild's status with live progress, or null when unknown.</summary>
    public async Task<RebuildStatus?> StatusAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        long Reached(string name) => progress.FirstOrDefault(shard => shard.ShardName.StartsWith(name + ":", StringComparison.Ordinal))?.Sequence ?? 0;
        var models = ReadModels.All.Select(model =>
        {
            var state = job.StateOf(model.Name);
            return new ReadModelRebuild(model.Name, state, state == "pending" ? 0 : Math.Min(Reached(model.Name), job.EventsToReplay));
        }).ToList();
        return new RebuildStatus(job.Id, job.State, job.StartedAt, job.FinishedAt, job.EventsToReplay, models, job.Error);
    }

    private async Task RunAsync(Job job)
    {
        try
        {
            var daemon = coordinator.DaemonForMainDatabase();
            foreach (var model in ReadModels.All)
            {
                job.Set(model.Name, "rebuilding");
                LogRebuilding(logger, job.Id, model.Name);
                await daemon.RebuildProjectionAsync(model.Projection, ShardTimeout, lifetime.ApplicationStopping);

                // The daemon leaves a rebuilt projection stopped; it must carry on with new events.
                await daemon.StartAgentAsync(model.ShardName, lifetime.ApplicationStopping);
                job.Set(model.Name, "done");
            }

            job.Finish("succeeded", null, time.GetUtcNow());
            LogRebuilt(logger, job.Id);
        }
        catch (Exception ex)
        {
            job.Finish("failed", ex.GetType().Name, time.GetUtcNow());
            LogFailed(logger, ex, job.Id);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild {RebuildId}: rebuilding {ReadModel}")]
    private static partial void LogRebuilding(ILogger logger, Guid rebuildId, string readModel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild {RebuildId}: every read model rebuilt")]
    private static partial void LogRebuilt(ILogger logger, Guid rebuildId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild {RebuildId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid rebuildId);

    private sealed class Job(Guid id, DateTimeOffset startedAt, long eventsToReplay)
    {
        private readonly ConcurrentDictionary<string, string> _states = new(StringComparer.Ordinal);

        public Guid Id => id;

        public DateTimeOffset StartedAt => startedAt;

        public long EventsToReplay => eventsToReplay;

        public string State { get; private set; } = "running";

        public DateTimeOffset? FinishedAt { get; private set; }

        public string? Error { get; private set; }

        public string StateOf(string name) => _states.GetValueOrDefault(name, "pending");

        public void Set(string name, string state) => _states[name] = state;

        public void Finish(string state, string? error, DateTimeOffset at)
        {
            foreach (var (name, current) in _states)
            {
                if (current == "rebuilding")
                {
                    _states[name] = "failed";
                }
            }

            Error = error;
            FinishedAt = at;
            State = state;
        }
    }
}
