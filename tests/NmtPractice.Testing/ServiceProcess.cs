using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NmtPractice.Testing;

/// <summary>
/// A service or the gateway run as a real process (<c>dotnet App.dll</c>, as the start script runs
/// it) on a loopback port, with its output kept in a log file for diagnosis.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _assemblyPath;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private readonly Lock _logGate = new();
    private Process? _process;
    private StreamWriter? _log;

    public ServiceProcess(string name, string assemblyPath, int port, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Name = name;
        _assemblyPath = assemblyPath;
        Port = port;
        _environment = environment;
        Directory.CreateDirectory(logDirectory);
        _logPath = Path.Combine(logDirectory, $"{name}.log");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The process id while running.</summary>
    public int? ProcessId => _process is { HasExited: false } running ? running.Id : null;

    public void Start()
    {
        if (!File.Exists(_assemblyPath))
        {
            throw new FileNotFoundException($"{Name} is not built: {_assemblyPath}. Build the solution first.", _assemblyPath);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { _assemblyPath },
            WorkingDirectory = Path.GetDirectoryName(_assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["OTEL_SERVICE_NAME"] = Name;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _log = new StreamWriter(new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8) { AutoFlush = true };
        _log.WriteLine($"---- start {DateTimeOffset.UtcNow:O}");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, line) => Write(line.Data);
        _process.ErrorDataReceived += (_, line) => Write(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Kills the process at once (SIGKILL): no graceful shutdown, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }

        _log?.WriteLine($"---- killed {DateTimeOffset.UtcNow:O}");
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits for a graceful exit, killing it after a grace period.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process is { HasExited: false } running)
        {
            using (var terminate = Process.Start("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await terminate!.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
            try
            {
                await running.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                running.Kill(entireProcessTree: true);
                await running.WaitForExitAsync();
            }
        }
    }

    /// <summary>Awaits <c>/health/ready</c> answering 200, failing early if the process exits.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        await Eventually.UntilAsync(
            $"{Name} to report ready (log: {_logPath})",
            async () =>
            {
                if (_process is null || _process.HasExited)
                {
                    throw new ProbeAbortedException($"{Name} exited with code {_process?.ExitCode}; see {_logPath}");
                }

                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK;
            },
            timeout ?? TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    /// <summary>A free TCP port on the loopback interface.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The built assembly of a project under the repository, in the configuration the tests run in.</summary>
    public static string BuiltAssembly(string projectDirectory, string assemblyName)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(TestInfrastructure.RepositoryRoot, projectDirectory, "bin", configuration, "net10.0", $"{assemblyName}.dll");
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (_logGate)
            {
                _log?.WriteLine(line);
            }
        }
    }
}
