using Xunit;

namespace NmtPractice.Testing;

/// <summary>
/// A throw-away database and virtual host, a test bus recording the given message types, and one
/// in-process host of the service under test against them. Restart tests start more hosts on the
/// same database and virtual host with <see cref="StartHostAsync"/>.
/// </summary>
public abstract class ServiceFixture<TProgram> : IAsyncLifetime
    where TProgram : class
{
    private readonly List<IAsyncDisposable> _hosts = [];

    public ThrowawayDatabase Database { get; private set; } = null!;

    public ThrowawayVirtualHost VirtualHost { get; private set; } = null!;

    public TestBus Bus { get; private set; } = null!;

    public ServiceHost<TProgram> Host { get; private set; } = null!;

    /// <summary>
    /// The service's own broker address: a user allowed exactly the service's broker permissions
    /// (<c>deploy/broker/service-permissions.tsv</c>), so every test shows they are enough.
    /// </summary>
    public Uri ServiceBroker { get; private set; } = null!;

    /// <summary>A short name for the database and virtual host, for finding leftovers.</summary>
    protected abstract string Purpose { get; }

    /// <summary>Settings every host of this fixture gets.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Service replacements every host of this fixture gets (for example a controllable clock).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>Message types the test bus records (bound before the service starts publishing).</summary>
    protected virtual Type[] RecordedMessageTypes => [];

    public virtual async ValueTask InitializeAsync()
    {
        Database = await ThrowawayDatabase.CreateAsync(Purpose);
        VirtualHost = await ThrowawayVirtualHost.CreateAsync(Purpose);
        ServiceBroker = await VirtualHost.CreateServiceUserAsync(BrokerPermissions.ServiceOf<TProgram>());
        Bus = await TestBus.StartAsync(VirtualHost.AmqpUri, RecordedMessageTypes);
        Host = await StartHostAsync();
    }

    /// <summary>
    /// Another host of the same service on the same database and virtual host, started and ready
    /// (PostgreSQL reachable, bus connected, consumers' queues declared).
    /// </summary>
    public async Task<ServiceHost<TProgram>> StartHostAsync(bool runAsyncDaemon = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = StartHostUnchecked(ServiceBroker, runAsyncDaemon, settings);
        using var client = host.CreateClient();
        await Eventually.UntilAsync(
            $"{typeof(TProgram).Assembly.GetName().Name} to report ready",
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                return response.IsSuccessStatusCode;
            });
        return host;
    }

    /// <summary>Another host on the same database, using the given broker address, not awaited to be ready.</summary>
    public ServiceHost<TProgram> StartHostUnchecked(Uri rabbitmq, bool runAsyncDaemon = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var host = new ServiceHost<TProgram>(Database.ConnectionString, rabbitmq, runAsyncDaemon, merged, ConfigureServices);
        _hosts.Add(host);
        return host;
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        if (Bus is not null)
        {
            await Bus.DisposeAsync();
        }

        if (VirtualHost is not null)
        {
            await VirtualHost.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Settings fixtures share.</summary>
public static class ServiceFixtureSettings
{
    /// <summary>A chain that keeps its clients per location (<c>Clients:Sharing=Location</c>; the default shares them).</summary>
    public static IReadOnlyDictionary<string, string?> ClientsPerLocation { get; } = new Dictionary<string, string?> { ["Clients:Sharing"] = "Location" };
}
