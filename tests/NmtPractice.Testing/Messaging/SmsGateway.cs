using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace NmtPractice.Testing.Messaging;

/// <summary>A text message the fake operator received from the gateway, on its way to a phone.</summary>
public sealed record TextToPhone(string From, string To, string Text);

/// <summary>
/// A real SMS gateway of a test's own: Kannel's bearerbox and smsbox on free loopback ports, with
/// Kannel's <c>fakesmsc</c> as the operator. What the gateway sends to phones is read from fakesmsc;
/// a phone's reply is typed into it, and Kannel posts it to <see cref="IncomingUrl"/>. Delivery
/// reports come back to whatever URL each sent message asked for.
/// </summary>
public sealed partial class SmsGateway : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<Process> _processes = [];
    private readonly ConcurrentQueue<TextToPhone> _sent = new();
    private readonly Dictionary<(string From, string To, int Reference), SortedDictionary<int, byte[]>> _parts = [];
    private readonly int _adminPort;
    private readonly int _boxPort;
    private readonly int _operatorPort;
    private Process? _operator;

    private SmsGateway(string directory, Uri incomingUrl)
    {
        _directory = directory;
        IncomingUrl = incomingUrl;
        _adminPort = FreePorts.Next();
        _boxPort = FreePorts.Next();
        _operatorPort = FreePorts.Next();
        SendPort = FreePorts.Next();
    }

    /// <summary>The send interface's port (<c>/cgi-bin/sendsms</c>) on 127.0.0.1.</summary>
    public int SendPort { get; }

    /// <summary>The send interface.</summary>
    public Uri SendUrl => new($"http://127.0.0.1:{SendPort}/cgi-bin/sendsms");

    /// <summary>The send interface's user.</summary>
    public string Username { get; } = "nmt";

    /// <summary>Its password.</summary>
    public string Password { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>The short code texts come from.</summary>
    public string Sender { get; } = "62668";

    /// <summary>Where incoming texts are posted.</summary>
    public Uri IncomingUrl { get; }

    /// <summary>What reached the operator, in order.</summary>
    public IReadOnlyList<TextToPhone> Sent => [.. _sent];

    /// <summary>Starts the gateway and its fake operator and waits until it takes messages.</summary>
    public static async Task<SmsGateway> StartAsync(Uri incomingUrl)
    {
        ArgumentNullException.ThrowIfNull(incomingUrl);
        var directory = Path.Combine(Path.GetTempPath(), $"nmt-test-messaging-sms-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(directory, "store"));
        var gateway = new SmsGateway(directory, incomingUrl);
        await gateway.StartBoxesAsync();
        return gateway;
    }

    /// <summary>The texts that reached <paramref name="phone"/>, in order.</summary>
    public IReadOnlyList<TextToPhone> To(string phone) => [.. _sent.Where(text => text.To == phone)];

    /// <summary>A phone texts <paramref name="text"/> to the gateway's short code (fakesmsc takes one line at a time: send one reply, then await its effect).</summary>
    public async Task ReplyAsync(string phone, string text)
    {
        var writer = _operator?.StandardInput ?? throw new InvalidOperationException("The fake operator is not running.");
        await writer.WriteLineAsync($"{phone} {Sender} text {text}");
        await writer.FlushAsync();
    }

    /// <summary>Kills the bearerbox and smsbox (messages they accepted are kept in their store) and starts them again.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartBoxesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the test script's clean-up.
        }
    }

    private async Task StopAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _processes.Clear();
        _operator = null;
    }

    private async Task StartBoxesAsync()
    {
        var config = Path.Combine(_directory, "kannel.conf");
        await File.WriteAllTextAsync(config, Config());
        Start("/usr/sbin/bearerbox", config);
        await PortOpenAsync(_boxPort, "bearerbox");
        Start("/usr/sbin/smsbox", config);
        await PortOpenAsync(SendPort, "smsbox");
        await PortOpenAsync(_operatorPort, "the fake SMSC");

        var operatorStart = new ProcessStartInfo("/usr/lib/kannel/test/fakesmsc")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-r", _operatorPort.ToString(CultureInfo.InvariantCulture), "-i", "0" })
        {
            operatorStart.ArgumentList.Add(argument);
        }

        _operator = Process.Start(operatorStart) ?? throw new InvalidOperationException("fakesmsc did not start.");
        _operator.OutputDataReceived += (_, line) => Read(line.Data);
        _operator.ErrorDataReceived += (_, line) => Read(line.Data);
        _operator.BeginOutputReadLine();
        _operator.BeginErrorReadLine();
        _processes.Add(_operator);
        using var admin = new HttpClient();
        await Eventually.ValueAsync(
            "the fake operator is connected to bearerbox",
            () => admin.GetStringAsync(new Uri($"http://127.0.0.1:{_adminPort}/status.txt?password={Password}")),
            status => status.Contains("(online", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        var match = GotMessage().Match(line);
        if (!match.Success)
        {
            return;
        }

        var (from, to, coding, body) = (match.Groups["from"].Value, match.Groups["to"].Value, match.Groups["coding"].Value, match.Groups["text"].Value);
        if (coding == "udh")
        {
            Part(from, to, body);
            return;
        }

        var text = coding == "ucs-2"
            ? Encoding.BigEndianUnicode.GetString(Encoding.Latin1.GetBytes(Uri.UnescapeDataString(body.Replace('+', ' '))))
            : body;
        _sent.Enqueue(new TextToPhone(from, to, text));
    }

    /// <summary>
    /// One part of a long text (fakesmsc prints it as <c>udh</c>, the user data header, the part's
    /// coding and the part, URL-encoded but for <c>text</c>): kept until every part named by the header's concatenation element has come,
    /// then joined into the one text the phone shows (UCS-2 when the parts carry NUL high bytes).
    /// </summary>
    private void Part(string from, string to, string body)
    {
        // The header, then (in Kannel 1.4) the part's coding, then the part.
        var fields = body.Split(' ', 3);
        var udh = Encoding.Latin1.GetBytes(Uri.UnescapeDataString(fields[0].Replace('+', ' ')));
        var data = fields[1] == "text" ? Encoding.Latin1.GetBytes(fields[2]) : Encoding.Latin1.GetBytes(Uri.UnescapeDataString(fields[2].Replace('+', ' ')));
        int reference = -1, total = 0, sequence = 0;
        for (var i = 1; i + 1 < udh.Length; i += 2 + udh[i + 1])
        {
            (reference, total, sequence) = udh[i] switch
            {
                0x00 => (udh[i + 2], udh[i + 3], udh[i + 4]),
                0x08 => ((udh[i + 2] << 8) | udh[i + 3], udh[i + 4], udh[i + 5]),
                _ => (reference, total, sequence),
            };
        }

        lock (_parts)
        {
            var key = (from, to, reference);
            if (!_parts.TryGetValue(key, out var parts))
            {
                _parts[key] = parts = [];
            }

            parts[sequence] = data;
            if (parts.Count < total)
            {
                return;
            }

            _parts.Remove(key);
            var bytes = parts.Values.SelectMany(part => part).ToArray();
            var text = bytes.Contains((byte)0) ? Encoding.BigEndianUnicode.GetString(bytes) : Encoding.Latin1.GetString(bytes);
            _sent.Enqueue(new TextToPhone(from, to, text));
        }
    }

    private void Start(string program, string config)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task PortOpenAsync(int port, string what) =>
        await Eventually.ValueAsync(
            $"{what} listens on {port} (log: {_directory})",
            async () =>
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            },
            open => open,
            TimeSpan.FromSeconds(30));

    private string Config() => $"""
        group = core
        admin-port = {_adminPort}
        admin-password = {Password}
        admin-interface = 127.0.0.1
        smsbox-port = {_boxPort}
        smsbox-interface = 127.0.0.1
        box-allow-ip = 127.0.0.1
        log-file = "{_directory}/bearerbox.log"
        log-level = 1
        access-log = "{_directory}/access.log"
        store-type = file
        store-location = "{_directory}/store/messages"
        dlr-storage = internal

        group = smsc
        smsc = fake
        smsc-id = fake
        host = 127.0.0.1
        port = {_operatorPort}
        connect-allow-ip = 127.0.0.1

        group = smsbox
        bearerbox-host = 127.0.0.1
        bearerbox-port = {_boxPort}
        sendsms-port = {SendPort}
        sendsms-interface = 127.0.0.1
        log-file = "{_directory}/smsbox.log"
        log-level = 1
        mo-recode = true
        http-request-retry = 5
        http-queue-delay = 1

        group = sendsms-user
        username = {Username}
        password = {Password}
        max-messages = 3
        concatenation = true
        user-allow-ip = 127.0.0.1

        group = sms-service
        keyword = default
        catch-all = true
        post-url = "{IncomingUrl}"
        send-sender = true
        omit-empty = true
        max-messages = 0

        """;

    [GeneratedRegex(@"Got message \d+: <(?<from>\S+) (?<to>\S+) (?<coding>text|ucs-2|data|udh) (?<text>.*)>$", RegexOptions.CultureInvariant)]
    private static partial Regex GotMessage();
}
