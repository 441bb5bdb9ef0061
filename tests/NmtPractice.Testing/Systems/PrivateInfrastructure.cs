using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace NmtPractice.Testing;

/// <summary>
/// A PostgreSQL cluster and a RabbitMQ node of a test's own, from the same OS packages as the shared
/// servers but on other loopback ports and in a directory of their own, so that the test can crash
/// and restart them without disturbing the test assemblies running beside it. Needs root (it runs
/// the servers as the <c>postgres</c> and <c>rabbitmq</c> users, as <c>deploy/local/infra.sh</c> does).
/// </summary>
public sealed class PrivateInfrastructure : IAsyncDisposable
{
    private const string AdminUser = "nmt_private_admin";
    private readonly string _directory;
    private readonly string _pgBin;
    private readonly int _pgPort;
    private readonly string _nodeName;
    private readonly int _amqpPort;
    private readonly int _managementPort;
    private readonly int _distributionPort;
    private readonly string _log;

    private PrivateInfrastructure(string directory, string pgBin, string logDirectory)
    {
        _directory = directory;
        _pgBin = pgBin;
        _pgPort = ServiceProcess.FreePort();
        _amqpPort = ServiceProcess.FreePort();
        _managementPort = ServiceProcess.FreePort();
        _distributionPort = ServiceProcess.FreePort();
        _nodeName = $"nmtprivate{Guid.NewGuid():N}"[..22] + "@localhost";
        Directory.CreateDirectory(logDirectory);
        _log = Path.Combine(logDirectory, "private-infrastructure.log");
        var password = Guid.NewGuid().ToString("N");
        Servers = new TestInfrastructure(
            $"Host=127.0.0.1;Port={_pgPort};Database=postgres;Username={AdminUser};Password={password};Timeout=5",
            "127.0.0.1",
            _amqpPort,
            new Uri($"http://127.0.0.1:{_managementPort}"),
            AdminUser,
            password);
    }

    /// <summary>Where the servers are and how to sign in to them (an administrator of both).</summary>
    public TestInfrastructure Servers { get; }

    private string PgData => Path.Combine(_directory, "postgres", "data");

    private string RabbitDirectory => Path.Combine(_directory, "rabbitmq");

    /// <summary>Creates and starts both servers (a few seconds).</summary>
    public static async Task<PrivateInfrastructure> StartAsync(string logDirectory)
    {
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Servers of a test's own are started as the postgres and rabbitmq users: run the tests as root (as deploy/local/test.sh does).");
        }

        var pgBin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(directory => Path.Combine(directory, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.Parse(Path.GetFileName(Path.GetDirectoryName(bin))!, CultureInfo.InvariantCulture))
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run deploy/local/infra.sh up.");
        var directory = Path.Combine(Path.GetTempPath(), $"nmt-test-private-{Guid.NewGuid():N}");
        var infrastructure = new PrivateInfrastructure(directory, pgBin, logDirectory);
        try
        {
            await infrastructure.CreateAsync();
            await Task.WhenAll(infrastructure.StartPostgresAsync(), infrastructure.StartRabbitMqAsync());
            return infrastructure;
        }
        catch
        {
            await infrastructure.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops PostgreSQL at once (as in a crash: no checkpoint, open connections cut), keeps it down a while, and starts it again.</summary>
    public async Task RestartPostgresAsync(TimeSpan downFor)
    {
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(_pgBin, "pg_ctl"), "-D", PgData, "-m", "immediate", "-w", "stop");
        await Task.Delay(downFor);
        await StartPostgresAsync();
    }

    /// <summary>Stops the RabbitMQ node (connections closed, durable queues kept), keeps it down a while, and starts it again.</summary>
    public async Task RestartRabbitMqAsync(TimeSpan downFor)
    {
        await StopRabbitMqAsync();
        await Task.Delay(downFor);
        await StartRabbitMqAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopRabbitMqAsync();
        }
        catch (InvalidOperationException)
        {
            // Not started, or already down.
        }

        try
        {
            if (Directory.Exists(PgData))
            {
                await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(_pgBin, "pg_ctl"), "-D", PgData, "-m", "immediate", "-w", "stop");
            }
        }
        catch (InvalidOperationException)
        {
            // Not started, or already down.
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task CreateAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "postgres"));
        Directory.CreateDirectory(Path.Combine(RabbitDirectory, "log"));
        Directory.CreateDirectory(Path.Combine(RabbitDirectory, "mnesia"));

        var passwordFile = Path.Combine(_directory, "postgres", "password");
        await File.WriteAllTextAsync(passwordFile, Servers.RabbitPassword + "\n");
        await RunAsync("chown", "-R", "postgres:postgres", Path.Combine(_directory, "postgres"));
        await RunAsync(
            "runuser", "-u", "postgres", "--", Path.Combine(_pgBin, "initdb"), "-D", PgData, "-U", AdminUser,
            "--auth-local=peer", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        File.Delete(passwordFile);

        await File.WriteAllTextAsync(Path.Combine(RabbitDirectory, "rabbitmq.conf"), string.Join('\n',
            $"listeners.tcp.default = 127.0.0.1:{_amqpPort}",
            "management.tcp.ip = 127.0.0.1",
            $"management.tcp.port = {_managementPort}",
            $"default_user = {AdminUser}",
            $"default_pass = {Servers.RabbitPassword}",
            "default_user_tags.administrator = true",
            "default_permissions.configure = .*",
            "default_permissions.read = .*",
            "default_permissions.write = .*",
            "loopback_users = none",
            string.Empty));
        await File.WriteAllTextAsync(Path.Combine(RabbitDirectory, "enabled_plugins"), "[rabbitmq_management].\n");
        await File.WriteAllTextAsync(Path.Combine(RabbitDirectory, "rabbitmq-env.conf"), string.Empty);
        await RunAsync("chown", "-R", "rabbitmq:rabbitmq", RabbitDirectory);
        await RunAsync("chmod", "755", _directory);
    }

    private async Task StartPostgresAsync() =>
        await RunDaemonAsync(
            "runuser", "-u", "postgres", "--", Path.Combine(_pgBin, "pg_ctl"), "-D", PgData, "-l", Path.Combine(_directory, "postgres", "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {_pgPort} -k {Path.Combine(_directory, "postgres")} -c max_connections=300", "start");

    private async Task StartRabbitMqAsync()
    {
        await RunDaemonAsync("runuser", ["-u", "rabbitmq", "--", "env", .. RabbitEnvironment(), "/usr/lib/rabbitmq/bin/rabbitmq-server", "-detached"]);
        using var management = ThrowawayVirtualHost.ManagementClient(Servers);
        await Eventually.UntilAsync($"the private RabbitMQ node to start (log: {RabbitDirectory}/log)", async () =>
        {
            using var response = await management.GetAsync(new Uri("api/overview", UriKind.Relative));
            return response.IsSuccessStatusCode && await AcceptsAsync(_amqpPort);
        }, TimeSpan.FromSeconds(90));
    }

    /// <summary>
    /// Stops the node with <c>rabbitmqctl stop</c>; if that has not returned within a minute (it was seen
    /// to hang for over two on a loaded machine), the node's processes are killed instead: the broker
    /// goes away either way, which is the fault the tests inflict.
    /// </summary>
    private async Task StopRabbitMqAsync()
    {
        try
        {
            await RunAsync(TimeSpan.FromMinutes(1), "runuser", ["-u", "rabbitmq", "--", "env", .. RabbitEnvironment(), "/usr/lib/rabbitmq/bin/rabbitmqctl", "-n", _nodeName, "stop"]);
        }
        catch (TimeoutException)
        {
            // The node writes its pid beside its database directory (RabbitMQ's default RABBITMQ_PID_FILE);
            // a node already part-way through stopping may have removed it: then its processes are found
            // by their command line, which names the node.
            var pidFile = Path.Combine(RabbitDirectory, "mnesia", $"{_nodeName}.pid");
            var pids = File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), CultureInfo.InvariantCulture, out var fromFile)
                ? [fromFile]
                : NodeProcesses();
            foreach (var pid in pids)
            {
                try
                {
                    using var node = Process.GetProcessById(pid);
                    node.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Gone meanwhile.
                }
            }

            await File.AppendAllTextAsync(_log, $"---- {DateTimeOffset.UtcNow:O} killed the node (pids {string.Join(", ", pids)})\n");
        }

        await Eventually.UntilAsync("the private RabbitMQ node to stop listening", async () => !await AcceptsAsync(_amqpPort), TimeSpan.FromSeconds(60));
    }

    /// <summary>The processes whose command line names this run's RabbitMQ node.</summary>
    private List<int> NodeProcesses() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").Contains(_nodeName, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })];

    private string[] RabbitEnvironment() =>
    [
        "HOME=/var/lib/rabbitmq",
        $"RABBITMQ_NODENAME={_nodeName}",
        $"RABBITMQ_CONF_ENV_FILE={RabbitDirectory}/rabbitmq-env.conf",
        $"RABBITMQ_CONFIG_FILE={RabbitDirectory}/rabbitmq.conf",
        $"RABBITMQ_ENABLED_PLUGINS_FILE={RabbitDirectory}/enabled_plugins",
        $"RABBITMQ_MNESIA_BASE={RabbitDirectory}/mnesia",
        $"RABBITMQ_LOG_BASE={RabbitDirectory}/log",
        $"RABBITMQ_DIST_PORT={_distributionPort}",
        "ERL_EPMD_ADDRESS=127.0.0.1",
    ];

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a command that leaves a server running in the background, with its output appended to
    /// the log file: the server must not inherit (and hold open) a pipe of this process.
    /// </summary>
    private Task RunDaemonAsync(string file, params string[] arguments) =>
        RunAsync("sh", ["-c", $"exec \"$@\" >>'{_log}' 2>&1 </dev/null", "sh", file, .. arguments]);

    /// <summary>Runs a command to its end (from <c>/</c>, which every user may enter), failing with its output.</summary>
    private Task RunAsync(string file, params string[] arguments) => RunAsync(TimeSpan.FromMinutes(2), file, arguments);

    /// <summary>
    /// Runs a command to its end, failing with its output; one still running after
    /// <paramref name="limit"/> is killed (with its children) and a <see cref="TimeoutException"/> thrown.
    /// </summary>
    private async Task RunAsync(TimeSpan limit, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await File.AppendAllTextAsync(_log, $"---- {DateTimeOffset.UtcNow:O} {file} {string.Join(' ', arguments)} -> still running after {limit}, killed\n");
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} was still running after {limit}.");
        }

        var text = $"{await output}{await error}";
        await File.AppendAllTextAsync(_log, $"---- {DateTimeOffset.UtcNow:O} {file} {string.Join(' ', arguments)} -> {process.ExitCode}\n{text}\n");
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {text}");
        }
    }
}
