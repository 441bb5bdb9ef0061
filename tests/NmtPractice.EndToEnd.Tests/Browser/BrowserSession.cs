using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;
using NmtPractice.Testing;

[assembly: AssemblyFixture(typeof(NmtPractice.EndToEnd.Tests.Browser.SharedChromium))]

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// A browser window of its own (a Playwright context, with its own cookies, in the run's one Debian
/// Chromium), reaching the gateway by its public name (mapped to loopback, as a DNS entry would),
/// signed in through the real login page. Screenshots go to <c>TestResults/screenshots</c>.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IBrowserContext _context;

    /// <summary>
    /// What a page shows after a round trip (a new Blazor circuit, the services' answers) can take
    /// longer than Playwright's default 5 s on a loaded two-core CI machine: expectations wait up to
    /// 15 s, still far below the 30 s an action may take. An expectation that holds returns at once.
    /// </summary>
    static BrowserSession() => Assertions.SetDefaultExpectTimeout(15_000);

    private readonly List<string> _errors = [];
    private readonly string _authenticatorKey;

    private BrowserSession(IBrowserContext context, IPage page, Uri gateway, string authenticatorKey)
    {
        _authenticatorKey = authenticatorKey;
        _context = context;
        Page = page;
        Gateway = gateway;
        page.Console += (_, message) =>
        {
            // Over plain HTTP (tests only) Chromium ignores the gateway's Cross-Origin-Opener-Policy and says so.
            if (message.Type == "error" && !message.Text.StartsWith("The Cross-Origin-Opener-Policy header has been ignored", StringComparison.Ordinal))
            {
                lock (_errors)
                {
                    _errors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        };
    }

    /// <summary>Errors the page logged to its console or threw (a journey ends with none).</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public IPage Page { get; }

    public Uri Gateway { get; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The three screens the application is made for: a desk, a tablet upright, a phone.</summary>
    public static readonly (string Name, int Width, int Height)[] Viewports = [("desktop", 1440, 900), ("tablet", 768, 1024), ("phone", 390, 844)];

    public static async Task<BrowserSession> OpenAsync(RunningSystem system, int width = 1280, int height = 860, bool touch = false)
    {
        ArgumentNullException.ThrowIfNull(system);
        var gateway = new Uri(system.PublicIssuer);
        var browser = await Browsers.GetOrAdd(gateway.Host, host => new Lazy<Task<(IPlaywright, IBrowser)>>(() => LaunchAsync(host))).Value;
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, HasTouch = touch });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new BrowserSession(context, page, gateway, system.DemoAuthenticatorKey);
    }

    /// <summary>
    /// One Chromium for the whole run (per gateway name it maps to loopback): each session is a context
    /// of its own, with its own cookies, storage and screen, as a separate browser profile would be,
    /// without starting a browser each time.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>>> Browsers = new();

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync(string gatewayHost)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--host-resolver-rules=MAP {gatewayHost} 127.0.0.1",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>Closes the browsers of the run (at its end, by <see cref="SharedChromium"/>).</summary>
    internal static async Task CloseAllAsync()
    {
        foreach (var launched in Browsers.Values.Where(lazy => lazy.IsValueCreated))
        {
            var (playwright, browser) = await launched.Value;
            await browser.DisposeAsync();
            playwright.Dispose();
        }

        Browsers.Clear();
    }

    /// <summary>Opens the application and signs in on the gateway's login page.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync(new Uri(Gateway, "app/").ToString());
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Managers and admins enter the code from their authenticator app (the demo key of this run).
            var codeStep = Page.GetByLabel("Code from your authenticator app");
            await Page.GetByTestId("user-name").Or(codeStep).First.WaitForAsync();
            if (await codeStep.IsVisibleAsync())
            {
                await codeStep.FillAsync(NmtPractice.Testing.Totp.Code(_authenticatorKey));
                await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            }

            // Back in the application once the header shows who is signed in.
            await Page.GetByTestId("user-name").WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            await ScreenshotAsync($"sign-in-failed-{userName}");
            throw new InvalidOperationException($"Signing in as {userName} did not reach the application; the browser is at {Page.Url}: {await Page.InnerTextAsync("body")}", ex);
        }
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// Runs axe-core (the npm package, installed by the test script) in the page against WCAG 2.2
    /// A and AA and returns the serious and critical violations, one line each. Injected through the
    /// debugging protocol, so the gateway's CSP (no inline script) stays as it is.
    /// </summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        await Page.EvaluateAsync(AxeSource.Value);
        var result = await Page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))" +
            ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)");
        return [.. result.EnumerateArray().Select(line => line.GetString() ?? "")];
    }

    /// <summary>Fails when axe-core finds a serious or critical violation on the page as it is now.</summary>
    public async Task AssertAccessibleAsync(string where)
    {
        var violations = await AccessibilityViolationsAsync();
        if (violations.Count > 0)
        {
            await ScreenshotAsync($"axe-{where}");
        }

        Assert.True(violations.Count == 0, $"axe-core on {where} ({Page.Url}):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(TestInfrastructure.RepositoryRoot, "tests", "NmtPractice.EndToEnd.Tests", "Browser", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is not installed at {path}: run deploy/local/test.sh (it runs npm ci there).");
    });

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}

/// <summary>Closes the run's Chromium once every test has run.</summary>
public sealed class SharedChromium : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await BrowserSession.CloseAllAsync();
}
