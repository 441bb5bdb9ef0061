using Xunit;

namespace NmtPractice.Testing;

/// <summary>
/// The whole system as real processes on loopback: each service on a throw-away database of its own,
/// all on one throw-away RabbitMQ virtual host (each service as a broker user with its own permissions), behind the gateway, with the web application; on the
/// machine's shared PostgreSQL and RabbitMQ, or (in a subclass) on servers of its own.
/// </summary>
public class RunningSystem : IAsyncLifetime
{
    private static readonly (string Name, string Directory, string Assembly)[] Services =
    [
        ("scheduling", "services/scheduling", "NmtPractice.Scheduling"),
        ("intake", "services/intake", "NmtPractice.Intake"),
        ("treatment-records", "services/treatment-records", "NmtPractice.TreatmentRecords"),
        ("outcome-reporting", "services/outcome-reporting", "NmtPractice.OutcomeReporting"),
        ("notifications", "services/notifications", "NmtPractice.Notifications"),
    ];

    /// <summary>Where the test browser is sent back to with its authorization code (never opened).</summary>
    public static readonly Uri RedirectUri = new("http://127.0.0.1/e2e-callback");

    /// <summary>The demo users' password in this run.</summary>
    public string DemoPassword { get; } = $"Demo-{Guid.NewGuid():N}";

    /// <summary>The demo managers' and admin's authenticator key in this run (they sign in with a second factor).</summary>
    public string DemoAuthenticatorKey { get; } = Totp.NewKey();

    /// <summary>A service account of this run (client credentials), as an operations admin.</summary>
    public (string ClientId, string Secret) ServiceAccount { get; } = ("e2e-service-account", $"{Guid.NewGuid():N}{Guid.NewGuid():N}");

    /// <summary>The one browser origin allowed to call the API cross-origin in this run.</summary>
    public const string AllowedOrigin = "https://ui.e2e.nmtpractice.invalid";

    /// <summary>
    /// Requests per minute each user may make through this run's gateway: high, because the suite
    /// makes many requests as a few users; the limits themselves are tested on gateways of their own.
    /// </summary>
    public const int PerUserLimit = 100_000;

    /// <summary>The address the gateway calls the services from; they trust <c>X-Forwarded-For</c> from it alone.</summary>
    public const string GatewayOutboundAddress = "127.0.0.2";

    private readonly Dictionary<string, ThrowawayDatabase> _databases = [];
    /// <summary>Access tokens last 15 minutes, and a whole run takes longer: a token older than this is replaced.</summary>
    private static readonly TimeSpan TokenReuse = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, (string Token, DateTimeOffset Obtained)> _tokens = [];
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private readonly Dictionary<string, ServiceProcess> _processes = [];
    private ThrowawayVirtualHost? _virtualHost;

    /// <summary>The run's SMTP server (smtp4dev), where the notifications service sends email.</summary>
    public Messaging.MailServer Mail { get; private set; } = null!;

    /// <summary>The run's SMS gateway (Kannel with its fake operator), where texts go and replies come from.</summary>
    public Messaging.SmsGateway Sms { get; private set; } = null!;

    /// <summary>The key the identity server asks notifications to email a client's sign-in code with.</summary>
    public string SignInCodeKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The key the SMS gateway's calls to the notifications service carry.</summary>
    public string SmsInboundKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public ServiceProcess Gateway => _processes["gateway"];

    /// <summary>The issuer the tokens name (not resolvable: see <see cref="InitializeAsync"/>).</summary>
    public string PublicIssuer { get; private set; } = string.Empty;

    /// <summary>The environment of each service's process, to start more gateways in front of them.</summary>
    public IReadOnlyDictionary<string, string> ServiceRoutes => _processes
        .Where(pair => pair.Key != "gateway")
        .ToDictionary(pair => $"ReverseProxy__Clusters__{pair.Key}__Destinations__primary__Address", pair => pair.Value.BaseAddress.ToString());

    /// <summary>Where the logs of this run go.</summary>
    public string LogDirectory { get; private set; } = string.Empty;

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public ServiceProcess Service(string name) => _processes[name];

    /// <summary>The services (not the gateway), for reading their OpenAPI documents directly.</summary>
    public IEnumerable<ServiceProcess> ServiceProcesses() => _processes.Where(pair => pair.Key is not ("gateway" or "web")).Select(pair => pair.Value);

    public ThrowawayDatabase Database(string service) => _databases[service];

    public virtual async ValueTask InitializeAsync() => await StartAsync(TestInfrastructure.Current);

    /// <summary>Creates the databases and virtual host on <paramref name="servers"/> and starts every process.</summary>
    protected async Task StartAsync(TestInfrastructure servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var logs = LogDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("e2e", servers);
        var gatewayPort = ServiceProcess.FreePort();
        var gatewayUrl = $"http://127.0.0.1:{gatewayPort}/";

        // As in a container network: tokens name a public issuer the services cannot resolve, and
        // the services fetch its keys from the gateway's internal address.
        PublicIssuer = $"http://gateway.e2e.invalid:{gatewayPort}/";
        var gatewayDatabase = await ThrowawayDatabase.CreateAsync("e2egateway", servers);
        _databases["gateway"] = gatewayDatabase;
        var gatewayEnvironment = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = gatewayDatabase.ConnectionString,
            ["Identity__Issuer"] = PublicIssuer,
            ["Identity__RequireHttps"] = "false",
            ["Identity__DemoUsers__Password"] = DemoPassword,
            ["Identity__DemoUsers__AuthenticatorKey"] = DemoAuthenticatorKey,
            ["Identity__WebClient__RedirectUris__0"] = RedirectUri.ToString(),
            [$"Identity__ServiceAccounts__{ServiceAccount.ClientId}__Secret"] = ServiceAccount.Secret,
            [$"Identity__ServiceAccounts__{ServiceAccount.ClientId}__Roles__0"] = "operations-admin",
            // Every test runs from 127.0.0.1: the per-address limit must not throttle the suite.
            ["Edge__PerUser__PermitLimit"] = PerUserLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Edge__PerUser__Window"] = "00:01:00",
            ["Edge__PerClientAddress__PermitLimit"] = "100000",
            ["Edge__PublicPerClientAddress__PermitLimit"] = "100000",
            ["Edge__AllowedOrigins__0"] = AllowedOrigin,
            ["Edge__OutboundAddress"] = GatewayOutboundAddress,
            // The suite signs in many times as a few users from one address; the sign-in throttles
            // themselves are tested on identity servers of their own (SignInSecurityTests).
            ["Identity__SignInPerName__PermitLimit"] = "100000",
            ["Identity__SignInPerAddress__PermitLimit"] = "100000",
            ["Identity__ClientSignIn__CodeKey"] = SignInCodeKey,
            ["Identity__ClientSignIn__RedirectUris__0"] = RedirectUri.ToString(),
            ["Identity__ClientSignIn__PerAddress__PermitLimit"] = "100000",
        };
        Mail = await Messaging.MailServer.StartAsync();
        var notificationsPort = ServiceProcess.FreePort();
        Sms = await Messaging.SmsGateway.StartAsync(new Uri($"http://127.0.0.1:{notificationsPort}/api/notifications/sms/incoming?key={SmsInboundKey}"));
        foreach (var (name, directory, assembly) in Services)
        {
            var database = await ThrowawayDatabase.CreateAsync($"e2e{name.Replace("-", string.Empty, StringComparison.Ordinal)}", servers);
            _databases[name] = database;
            var broker = await _virtualHost.CreateServiceUserAsync(name);
            var environment = new Dictionary<string, string>
                {
                    ["ConnectionStrings__postgres"] = database.ConnectionString,
                    ["ConnectionStrings__rabbitmq"] = broker.ToString(),
                    ["Auth__Authority"] = PublicIssuer,
                    ["Auth__MetadataBaseAddress"] = gatewayUrl,
                    ["Auth__RequireHttpsMetadata"] = "false",
                    // The journeys put a handful of clients in each group; the suppression rule itself is tested in outcome reporting's tests.
                    ["OutcomeReporting__MinimumGroupClients"] = "1",
                    ["ForwardedHeaders__KnownProxies__0"] = GatewayOutboundAddress,
                };
            if (name == "notifications")
            {
                foreach (var (key, value) in NotificationSettings(notificationsPort, gatewayUrl))
                {
                    environment[key] = value;
                }
            }

            var process = new ServiceProcess(
                name,
                ServiceProcess.BuiltAssembly(directory, assembly),
                name == "notifications" ? notificationsPort : ServiceProcess.FreePort(),
                environment,
                logs);
            _processes[name] = process;
            gatewayEnvironment[$"ReverseProxy__Clusters__{name}__Destinations__primary__Address"] = process.BaseAddress.ToString();
        }

        StartWebWith(gatewayEnvironment, gatewayUrl, logs);

        _processes["gateway"] = new ServiceProcess(
            "gateway",
            ServiceProcess.BuiltAssembly("gateway/NmtPractice.Gateway", "NmtPractice.Gateway"),
            gatewayPort,
            gatewayEnvironment,
            logs);

        foreach (var process in _processes.Values)
        {
            process.Start();
        }

        // The gateway is ready only when every service behind it is.
        await Gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>The notifications service's mail server, SMS gateway, keys and link address in this run.</summary>
    private Dictionary<string, string> NotificationSettings(int port, string gatewayUrl) => new()
    {
        ["Notifications__Email__Host"] = "127.0.0.1",
        ["Notifications__Email__Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications__Email__Security"] = "None",
        ["Notifications__Sms__SendUrl"] = Sms.SendUrl.ToString(),
        ["Notifications__Sms__Username"] = Sms.Username,
        ["Notifications__Sms__Password"] = Sms.Password,
        ["Notifications__Sms__Sender"] = Sms.Sender,
        ["Notifications__Sms__CallbackBaseUrl"] = $"http://127.0.0.1:{port}",
        ["Notifications__Sms__InboundKey"] = SmsInboundKey,
        ["Notifications__SignInCodeKey"] = SignInCodeKey,
        ["Notifications__Links__BaseUrl"] = gatewayUrl,
        ["Notifications__Links__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Notifications__ContactEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        // Faults last seconds here, not hours: retry sooner, and fail a message left mid-hand-over by a killed process sooner.
        ["Notifications__FirstRetryAfter"] = "00:00:02",
        ["Notifications__InterruptedAfter"] = "00:00:15",
    };

    /// <summary>The web application, reached by browsers through the gateway's public address.</summary>
    private void StartWebWith(Dictionary<string, string> gatewayEnvironment, string gatewayUrl, string logs)
    {
        var web = new ServiceProcess(
            "web",
            ServiceProcess.BuiltAssembly("gateway/NmtPractice.Web", "NmtPractice.Web"),
            ServiceProcess.FreePort(),
            new Dictionary<string, string>
            {
                ["Web__Authority"] = PublicIssuer,
                ["Web__GatewayAddress"] = gatewayUrl,
                ["Web__RequireHttpsMetadata"] = "false",
                ["ForwardedHeaders__KnownProxies__0"] = GatewayOutboundAddress,
            },
            logs);
        _processes["web"] = web;
        gatewayEnvironment["ReverseProxy__Clusters__web__Destinations__primary__Address"] = web.BaseAddress.ToString();
        gatewayEnvironment["Identity__WebClient__RedirectUris__1"] = $"{PublicIssuer}app/signin-oidc";
        gatewayEnvironment["Identity__WebClient__PostLogoutRedirectUris__0"] = $"{PublicIssuer}app/signout-callback-oidc";
        gatewayEnvironment["Identity__ClientSignIn__RedirectUris__1"] = $"{PublicIssuer}app/my/signin-oidc";
        gatewayEnvironment["Identity__ClientSignIn__PostLogoutRedirectUris__0"] = $"{PublicIssuer}app/my/signout-callback-oidc";
    }

    /// <summary>A client of the gateway signed in as a demo user (tokens are cached per user).</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        await _tokenGate.WaitAsync();
        try
        {
            if (!_tokens.TryGetValue(userName, out var held) || DateTimeOffset.UtcNow - held.Obtained > TokenReuse)
            {
                held = ((await OidcSignIn.SignInAsync(Gateway.BaseAddress, userName, DemoPassword, "nmt-web", RedirectUri, DemoAuthenticatorKey)).AccessToken, DateTimeOffset.UtcNow);
                _tokens[userName] = held;
            }

            return CreateGatewayClient().WithToken(held.Token);
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    public virtual async ValueTask DisposeAsync()
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

        if (Sms is not null)
        {
            await Sms.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        _tokenGate.Dispose();
        GC.SuppressFinalize(this);
    }
}
