using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// The whole system as real processes on loopback: each service on a throw-away database of its own,
/// all on one throw-away RabbitMQ virtual host, behind the gateway.
/// </summary>
public sealed class RunningSystem : IAsyncLifetime
{
    private static readonly (string Name, string Directory, string Assembly)[] Services =
    [
        ("scheduling", "services/scheduling", "NmtPractice.Scheduling"),
        ("intake", "services/intake", "NmtPractice.Intake"),
        ("treatment-records", "services/treatment-records", "NmtPractice.TreatmentRecords"),
        ("outcome-reporting", "services/outcome-reporting", "NmtPractice.OutcomeReporting"),
    ];

    private readonly Dictionary<string, ThrowawayDatabase> _databases = [];
    private readonly Dictionary<string, ServiceProcess> _processes = [];
    private ThrowawayVirtualHost? _virtualHost;

    public ServiceProcess Gateway => _processes["gateway"];

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public ServiceProcess Service(string name) => _processes[name];

    public ThrowawayDatabase Database(string service) => _databases[service];

    public async ValueTask InitializeAsync()
    {
        var logs = Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("e2e");
        var gatewayEnvironment = new Dictionary<string, string>();
        foreach (var (name, directory, assembly) in Services)
        {
            var database = await ThrowawayDatabase.CreateAsync($"e2e{name.Replace("-", string.Empty, StringComparison.Ordinal)}");
            _databases[name] = database;
            var process = new ServiceProcess(
                name,
                ServiceProcess.BuiltAssembly(directory, assembly),
                ServiceProcess.FreePort(),
                new Dictionary<string, string>
                {
                    ["ConnectionStrings__postgres"] = database.ConnectionString,
                    ["ConnectionStrings__rabbitmq"] = _virtualHost.AmqpUri.ToString(),
                },
                logs);
            _processes[name] = process;
            gatewayEnvironment[$"ReverseProxy__Clusters__{name}__Destinations__primary__Address"] = process.BaseAddress.ToString();
        }

        _processes["gateway"] = new ServiceProcess(
            "gateway",
            ServiceProcess.BuiltAssembly("gateway/NmtPractice.Gateway", "NmtPractice.Gateway"),
            ServiceProcess.FreePort(),
            gatewayEnvironment,
            logs);

        foreach (var process in _processes.Values)
        {
            process.Start();
        }

        // The gateway is ready only when every service behind it is.
        await Gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            await process.DisposeAsync();
        }

        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }

        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
        }
    }
}
