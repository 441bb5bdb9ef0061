using NmtPractice.Testing;

namespace NmtPractice.Faults.Tests;

/// <summary>
/// The services, the web application and the gateway as real processes, on a PostgreSQL cluster and a RabbitMQ node of
/// their own that the fault tests crash and restart.
/// </summary>
public sealed class FaultySystem : RunningSystem
{
    private PrivateInfrastructure? _infrastructure;

    /// <summary>This system's own PostgreSQL and RabbitMQ.</summary>
    public PrivateInfrastructure Infrastructure => _infrastructure ?? throw new InvalidOperationException("Not started.");

    public override async ValueTask InitializeAsync()
    {
        _infrastructure = await PrivateInfrastructure.StartAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "fault-logs"));
        await StartAsync(_infrastructure.Servers);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}

/// <summary>The fault tests share one system and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class FaultySystemCollection : ICollectionFixture<FaultySystem>
{
    public const string Name = "faulty system";
}
