using Microsoft.Playwright;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, reaching the gateway by its public name (mapped to
/// loopback, as a DNS entry would), signed in through the real login page. Screenshots go to
/// <c>TestResults/screenshots</c>.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private readonly List<string> _errors = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page, Uri gateway)
    {
        _playwright = playwright;
        _browser = browser;
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

    public static async Task<BrowserSession> OpenAsync(RunningSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var gateway = new Uri(system.PublicIssuer);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--host-resolver-rules=MAP {gateway.Host} 127.0.0.1",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new BrowserSession(playwright, browser, page, gateway);
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

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
