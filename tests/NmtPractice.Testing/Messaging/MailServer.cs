using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace NmtPractice.Testing.Messaging;

/// <summary>
/// A real SMTP server of a test's own: smtp4dev (the repository's pinned .NET tool) on free loopback
/// ports, keeping what it receives in a database file of its own; the test reads it back through
/// smtp4dev's REST API. It can be stopped and started again on the same port, as a mail server
/// outage, and keeps what it had received.
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly HttpClient _api;
    private Process? _process;

    private MailServer(string directory, int smtpPort, int webPort)
    {
        _directory = directory;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    /// <summary>The SMTP port on 127.0.0.1.</summary>
    public int SmtpPort { get; }

    /// <summary>The web inbox and REST API port on 127.0.0.1.</summary>
    public int WebPort { get; }

    /// <summary>Starts a server and waits until it answers.</summary>
    public static async Task<MailServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"nmt-test-messaging-mail-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var server = new MailServer(directory, FreePorts.Next(), FreePorts.Next());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same ports.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestInfrastructure.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", "--",
            $"--urls=http://127.0.0.1:{WebPort}", $"--smtpport={SmtpPort}", "--imapport=0", "--pop3port=0",
            "--bindaddress=127.0.0.1", "--allowremoteconnections-", $"--db={Path.Combine(_directory, "mail.db")}", "--nousersettings",
            $"--baseappdatapath={_directory}", "--messagestokeep=10000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new System.Text.StringBuilder();
        _process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start.");
        _process.OutputDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        _process.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        await Eventually.ValueAsync(
            "smtp4dev answers on its API (run 'dotnet tool restore' if it is not installed)",
            async () =>
            {
                if (process.HasExited)
                {
                    throw new ProbeAbortedException($"smtp4dev exited: {log}");
                }

                using var response = await _api.GetAsync("api/messages");
                return response.IsSuccessStatusCode;
            },
            ready => ready,
            TimeSpan.FromSeconds(60));
    }

    private readonly List<DateTimeOffset> _killedAt = [];

    /// <summary>
    /// When the server was killed. smtp4dev answers "250 accepted" before it stores a message, so a
    /// message accepted in the instant before a kill is lost by the server, not by its sender.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> KilledAt => _killedAt;

    /// <summary>Kills the server (an outage); <see cref="StartAgainAsync"/> brings it back with what it had.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            _killedAt.Add(DateTimeOffset.UtcNow);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>The messages received for <paramref name="address"/>, oldest first (id and subject).</summary>
    public async Task<IReadOnlyList<(string Id, string Subject)>> MessagesToAsync(string address)
    {
        var page = await _api.GetFromJsonAsync<JsonElement>("api/messages?pageSize=5000");
        return
        [
            .. page.GetProperty("results").EnumerateArray()
                .Where(message => message.GetProperty("to").EnumerateArray().Any(to => string.Equals(to.GetString(), address, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(message => message.GetProperty("receivedDate").GetDateTimeOffset())
                .Select(message => (message.GetProperty("id").GetString()!, message.GetProperty("subject").GetString() ?? string.Empty)),
        ];
    }

    /// <summary>The Message-ID header of every message received, one entry per message received (a message received twice is there twice).</summary>
    public async Task<IReadOnlyList<string>> MessageIdsAsync()
    {
        var page = await _api.GetFromJsonAsync<JsonElement>("api/messages?pageSize=100000");
        var ids = new List<string>();
        foreach (var message in page.GetProperty("results").EnumerateArray())
        {
            var detail = await _api.GetFromJsonAsync<JsonElement>($"api/messages/{message.GetProperty("id").GetString()}");
            ids.Add(detail.GetProperty("headers").EnumerateArray()
                .Where(header => string.Equals(header.GetProperty("name").GetString(), "Message-ID", StringComparison.OrdinalIgnoreCase))
                .Select(header => header.GetProperty("value").GetString()!.Trim('<', '>', ' '))
                .FirstOrDefault() ?? string.Empty);
        }

        return ids;
    }

    /// <summary>The plain-text body of a received message, decoded.</summary>
    public async Task<string> PlainTextAsync(string id) => await _api.GetStringAsync($"api/messages/{id}/plaintext");

    /// <summary>The raw MIME of a received message.</summary>
    public async Task<Stream> RawAsync(string id) => await _api.GetStreamAsync($"api/messages/{id}/raw");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _api.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the test script's clean-up.
        }
    }
}
