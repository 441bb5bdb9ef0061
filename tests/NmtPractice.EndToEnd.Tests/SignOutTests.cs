using System.Net;
using Microsoft.Playwright;
using NmtPractice.EndToEnd.Tests.Browser;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Signing out ends things on the server: the sign-in session (every copy of its cookie) and the
/// application session's refresh token. Only a request that proves it is wanted signs anyone out.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class SignOutTests(RunningSystem system)
{
    private Uri Gateway => system.Gateway.BaseAddress;

    [Fact]
    public async Task Signing_out_with_the_applications_identity_token_revokes_its_refresh_token_and_ends_the_sign_in_session()
    {
        var cookies = new CookieContainer();
        var tokens = await OidcSignIn.SignInAsync(Gateway, "therapist.cambridge", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri, cookies);
        var stolenCookie = cookies.GetCookieHeader(Gateway);
        using var browser = Browser(cookies);

        using var signOut = await browser.GetAsync(new Uri($"connect/logout?id_token_hint={Uri.EscapeDataString(tokens.IdentityToken!)}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var (refresh, _) = await OidcSignIn.RefreshAsync(Gateway, tokens.RefreshToken!, "nmt-web");
        Assert.Equal(HttpStatusCode.BadRequest, refresh);
        // The cookie as it was before signing out, replayed from elsewhere, no longer signs anyone in.
        Assert.Contains("account/login", await AuthorizeWithCookieAsync(stolenCookie), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_out_link_from_another_site_only_asks_and_the_confirmation_posts_with_an_anti_forgery_token()
    {
        var cookies = new CookieContainer();
        var tokens = await OidcSignIn.SignInAsync(Gateway, "frontdesk.cambridge", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri, cookies);
        using var browser = Browser(cookies);

        using var crossSite = await browser.GetAsync(new Uri("connect/logout", UriKind.Relative), Cancel);
        var page = await crossSite.Content.ReadAsStringAsync(Cancel);
        using var forged = await browser.PostAsync(new Uri("connect/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()), Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (crossSite.StatusCode, forged.StatusCode));
        Assert.Contains("Sign out of NmtPractice?", page, StringComparison.Ordinal);
        Assert.Contains(RunningSystem.RedirectUri.ToString(), await AuthorizeWithCookieAsync(cookies.GetCookieHeader(Gateway)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await OidcSignIn.RefreshAsync(Gateway, tokens.RefreshToken!, "nmt-web")).Status);

        using var confirmed = await browser.PostAsync(
            new Uri("connect/logout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = OidcSignIn.FormField(page, "__RequestVerificationToken") }),
            Cancel);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("account/login", await AuthorizeWithCookieAsync(cookies.GetCookieHeader(Gateway)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_applications_sign_out_refuses_a_post_without_its_anti_forgery_token()
    {
        // Signed in to the application as a browser would be (its cookie), but posting from elsewhere.
        await using var browser = await BrowserSession.OpenAsync(system);
        await browser.SignInAsync("manager.chicago", system.DemoPassword);

        // The session cookie goes with the post (as it would with a form on another site), the page's token does not.
        var status = await browser.Page.EvaluateAsync<int>(
            "async () => (await fetch('sign-out', { method: 'POST', body: new URLSearchParams(), redirect: 'manual', credentials: 'include' })).status");

        Assert.Equal(400, status);
        await browser.Page.GotoAsync(new Uri(browser.Gateway, "app/").ToString());
        await browser.Page.GetByTestId("user-name").WaitForAsync();
    }

    [Fact]
    public async Task Signing_out_of_the_web_application_ends_its_session_and_the_sign_in_session_without_a_confirmation()
    {
        await using var browser = await BrowserSession.OpenAsync(system);
        await browser.SignInAsync("therapist.chicago", system.DemoPassword);

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // Straight back to the sign-in page: the application's own sign-out needs no confirmation,
        // and opening the application again asks for the password (the sign-in session is over).
        await browser.Page.GetByLabel("User name").WaitForAsync();
        await browser.Page.GotoAsync(new Uri(browser.Gateway, "app/").ToString());
        await browser.Page.GetByLabel("User name").WaitForAsync();
        Assert.Contains("account/login", browser.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_out_confirmation_fits_passes_axe_and_works_from_the_keyboard_at_desk_tablet_and_phone_sizes()
    {
        foreach (var (name, width, height) in BrowserSession.Viewports)
        {
            await using var browser = await BrowserSession.OpenAsync(system, width, height);
            await browser.Page.GotoAsync(new Uri(browser.Gateway, "connect/logout").ToString());
            await browser.ScreenshotAsync($"sign-out-confirmation-{name}");

            await browser.AssertAccessibleAsync($"the sign-out confirmation ({name})");
            Assert.True(await browser.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"sideways scrolling at {name}");
            await browser.Page.Keyboard.PressAsync("Tab");
            Assert.Equal("Sign out", await browser.Page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''"));
            await browser.Page.Keyboard.PressAsync("Tab");
            Assert.Equal("Stay signed in", await browser.Page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''"));
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Browser(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }, disposeHandler: true) { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Where an authorization request carrying <paramref name="cookieHeader"/> is sent: the login page, or back with a code.</summary>
    private async Task<string> AuthorizeWithCookieAsync(string cookieHeader)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = Gateway };
        var (path, _, _) = OidcSignIn.AuthorizeRequest("nmt-web", RunningSystem.RedirectUri);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await client.SendAsync(request, Cancel);
        return response.Headers.Location?.ToString() ?? $"{(int)response.StatusCode}";
    }
}
