using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NmtPractice.ServiceDefaults.Health;
using NmtPractice.ServiceDefaults.Messaging;
using Weasel.Core;

namespace NmtPractice.ServiceDefaults.EventStore;

/// <summary>
/// The Marten conventions every service shares: one PostgreSQL database per service (connection
/// string <c>ConnectionStrings:postgres</c>), one schema named after the service, System.Text.Json,
/// full event metadata (correlation, causation, headers), OpenTelemetry, and the async daemon.
/// </summary>
public static class EventStoreExtensions
{
    /// <summary>Configuration key of the PostgreSQL connection string.</summary>
    public const string ConnectionStringName = "postgres";

    /// <summary>
    /// Adds the service's Marten store. The async daemon (projections and the publishing subscription)
    /// runs in Solo mode unless <c>EventStore:AsyncDaemon</c> is <c>Disabled</c>: at scale, API replicas
    /// run without it and exactly one worker replica per service runs it.
    /// </summary>
    public static EventStoreBuilder AddNmtEventStore(
        this IHostApplicationBuilder builder,
        string schemaName,
        Action<StoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);

        var connectionString = builder.Configuration.GetConnectionStringOrThrow(ConnectionStringName);

        var daemonMode = builder.Configuration.GetValue("EventStore:AsyncDaemon", AsyncDaemonMode.Solo);

        // How often the daemon looks for newly committed events: while events arrive, and while idle.
        // Every projection and the publishing subscription start from this, so it bounds the lag from a
        // commit to the bus and to the read models (the library's defaults, 250 ms and 1 s, put a
        // booking about a second behind in outcome reporting). The query is cheap and indexed.
        var fastPolling = builder.Configuration.GetValue("EventStore:FastPolling", TimeSpan.FromMilliseconds(50));
        var slowPolling = builder.Configuration.GetValue("EventStore:SlowPolling", TimeSpan.FromMilliseconds(100));

        // A rolled-back append (a booking that lost a race) leaves a gap in the event sequence; the
        // daemon waits this long before looking past it, and then only when no live transaction could
        // still fill it. The library's 3 s default held publishing up for 3 s after every lost race.
        var staleGap = builder.Configuration.GetValue("EventStore:StaleGapThreshold", TimeSpan.FromMilliseconds(500));

        builder.Services.AddScoped<Writing.RecordWriter>();
        builder.Services.AddScoped<Writing.RecordReader>();
        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = schemaName;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.EnableAll();

                // A projection or subscription error pauses the shard instead of silently skipping events.
                options.Projections.Errors.SkipApplyErrors = false;
                options.Projections.Errors.SkipSerializationErrors = false;
                options.Projections.Errors.SkipUnknownEvents = false;
                options.Projections.FastPollingTime = fastPolling;
                options.Projections.SlowPollingTime = slowPolling;
                options.Projections.StaleSequenceThreshold = staleGap;

                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();

                options.Schema.For<InboxRecord>();
                configure?.Invoke(options);
            })
            .UseLightweightSessions()
            .BuildSessionsWith<CorrelatedSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup();

        if (daemonMode == AsyncDaemonMode.Solo)
        {
            marten.AddAsyncDaemon(DaemonMode.Solo);
        }

        builder.Services.AddHealthChecks()
            .AddNpgSql(connectionString, name: "postgres", tags: [HealthExtensions.ReadyTag]);

        return new EventStoreBuilder(builder, marten);
    }
}

/// <summary>Reading required configuration with a message that says what to set.</summary>
public static class ConfigurationExtensions
{
    /// <summary>The named connection string, or an exception naming the setting and its environment variable.</summary>
    public static string GetConnectionStringOrThrow(this IConfiguration configuration, string name)
    {
        var value = configuration.GetConnectionString(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"Missing connection string 'ConnectionStrings:{name}' (environment variable ConnectionStrings__{name}).")
            : value;
    }
}

/// <summary>Whether this process runs Marten's async daemon.</summary>
public enum AsyncDaemonMode
{
    /// <summary>This process runs every projection and subscription (exactly one per service).</summary>
    Solo,

    /// <summary>This process serves requests only; another process runs the daemon.</summary>
    Disabled,
}
