using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace NmtPractice.Testing;

/// <summary>
/// Signs in to the gateway's identity server as a browser would: authorization code with PKCE
/// through the real login page, then the code exchanged for tokens. Also client credentials.
/// </summary>
public static partial class OidcSignIn
{
    /// <summary>Tokens for a user, obtained through the login page.</summary>
    public static Task<TokenResponse> SignInAsync(Uri gateway, string userName, string password, string clientId, Uri redirectUri, string? authenticatorKey = null) =>
        SignInAsync(gateway, userName, password, clientId, redirectUri, new CookieContainer(), authenticatorKey);

    /// <summary>Tokens for a user, obtained through the login page by a browser keeping its cookies in <paramref name="cookies"/>.</summary>
    /// <remarks>A user who signs in with a second factor gets the code from <paramref name="authenticatorKey"/>.</remarks>
    public static async Task<TokenResponse> SignInAsync(Uri gateway, string userName, string password, string clientId, Uri redirectUri, CookieContainer cookies, string? authenticatorKey = null) =>
        (await SignInCoreAsync(gateway, userName, password, clientId, redirectUri, cookies, authenticatorKey, enrol: false)).Tokens;

    /// <summary>
    /// Signs in a manager or admin for the first time: the password, then two-factor enrolment (the key read
    /// from the page as a person would type it into their app, its first code), then tokens; with the key
    /// and the recovery codes the page showed.
    /// </summary>
    public static async Task<(TokenResponse Tokens, string Key, IReadOnlyList<string> RecoveryCodes)> SignInEnrollingAsync(Uri gateway, string userName, string password, string clientId, Uri redirectUri)
    {
        var (tokens, enrolment) = await SignInCoreAsync(gateway, userName, password, clientId, redirectUri, new CookieContainer(), authenticatorKey: null, enrol: true);
        var (key, codes) = enrolment ?? throw new InvalidOperationException($"{userName} was not asked to set up two-factor sign-in.");
        return (tokens, key, codes);
    }

    private static async Task<(TokenResponse Tokens, (string Key, IReadOnlyList<string> RecoveryCodes)? Enrolment)> SignInCoreAsync(
        Uri gateway, string userName, string password, string clientId, Uri redirectUri, CookieContainer cookies, string? authenticatorKey, bool enrol)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(redirectUri);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies };
        using var browser = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

        var (authorize, verifier, state) = AuthorizeRequest(clientId, redirectUri);

        using var toLogin = await browser.GetAsync(new Uri(authorize, UriKind.Relative));
        var loginUrl = ExpectRedirect(toLogin, "the authorize endpoint to send an anonymous user to the login page");
        using var loginPage = await browser.GetAsync(loginUrl);
        var html = await loginPage.Content.ReadAsStringAsync();
        var antiforgery = HiddenField(html, "__RequestVerificationToken");
        var returnUrl = HiddenField(html, "returnUrl");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        });
        using var signedIn = await browser.PostAsync(new Uri("account/login", UriKind.Relative), form);
        var back = ExpectRedirect(signedIn, $"the login page to accept {userName}");
        if ((back.IsAbsoluteUri ? back.AbsolutePath : back.OriginalString).StartsWith("/account/two-factor", StringComparison.Ordinal))
        {
            back = await EnterCodeAsync(browser, back, userName, authenticatorKey
                ?? throw new InvalidOperationException($"{userName} signs in with a second factor: pass the authenticator key."));
        }
        using var withCode = await browser.GetAsync(back);
        var callback = ExpectRedirect(withCode, "the authorize endpoint to issue a code");
        (string Key, IReadOnlyList<string> RecoveryCodes)? enrolment = null;
        if (callback.OriginalString.StartsWith("/account/two-factor/enrol", StringComparison.Ordinal))
        {
            if (!enrol)
            {
                throw new InvalidOperationException($"{userName} must set up two-factor sign-in first (SignInEnrollingAsync).");
            }

            enrolment = await EnrolAsync(browser, callback);
            using var afterEnrolment = await browser.GetAsync(back);
            callback = ExpectRedirect(afterEnrolment, "the authorize endpoint to issue a code after enrolment");
        }

        return (await ExchangeCodeAsync(browser, callback, state, clientId, redirectUri, verifier), enrolment);
    }

    /// <summary>Checks the state that came back on <paramref name="callback"/> and exchanges its code (with the PKCE verifier) for tokens.</summary>
    internal static async Task<TokenResponse> ExchangeCodeAsync(HttpClient browser, Uri callback, string state, string clientId, Uri redirectUri, string verifier)
    {
        var query = QueryHelpers.ParseQuery(callback.Query);
        if (query["state"] != state)
        {
            throw new InvalidOperationException("The state came back changed.");
        }

        using var exchange = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = redirectUri.ToString(),
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
        });
        using var tokens = await browser.PostAsync(new Uri("connect/token", UriKind.Relative), exchange);
        return await ReadTokensAsync(tokens);
    }

    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient browser, Uri enrolPage)
    {
        using var page = await browser.GetAsync(enrolPage);
        var html = await page.Content.ReadAsStringAsync();
        var key = Regex.Match(html, "<code id=\"key\" class=\"key\">(?<key>[^<]+)</code>", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups["key"].Value;
        if (key.Length == 0)
        {
            throw new InvalidOperationException("The enrolment page shows no key.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(html, "__RequestVerificationToken"),
            ["returnUrl"] = HiddenField(html, "returnUrl"),
            ["code"] = Totp.Code(key),
        });
        using var enrolled = await browser.PostAsync(new Uri("account/two-factor/enrol", UriKind.Relative), form);
        var codes = Regex.Matches(await enrolled.Content.ReadAsStringAsync(), "<li><code>(?<code>[^<]+)</code></li>", RegexOptions.None, TimeSpan.FromSeconds(1))
            .Select(match => WebUtility.HtmlDecode(match.Groups["code"].Value)).ToList();
        return codes.Count > 0 ? (key, codes) : throw new InvalidOperationException($"Enrolment showed no recovery codes ({(int)enrolled.StatusCode}).");
    }

    /// <summary>Enters the current authenticator code on the two-factor page; where the page then sends the browser.</summary>
    public static async Task<Uri> EnterCodeAsync(HttpClient browser, Uri codePage, string userName, string authenticatorKey)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var page = await browser.GetAsync(codePage);
        var html = await page.Content.ReadAsStringAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(html, "__RequestVerificationToken"),
            ["returnUrl"] = HiddenField(html, "returnUrl"),
            ["code"] = Totp.Code(authenticatorKey),
        });
        using var entered = await browser.PostAsync(new Uri("account/two-factor", UriKind.Relative), form);
        return ExpectRedirect(entered, $"the two-factor page to accept {userName}'s code");
    }

    /// <summary>An authorization request with a fresh PKCE verifier (S256) and state.</summary>
    public static (string Path, string Verifier, string State) AuthorizeRequest(string clientId, Uri redirectUri)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var path = QueryHelpers.AddQueryString("connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri.ToString(),
            ["response_type"] = "code",
            ["scope"] = "openid profile roles offline_access nmt-api",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        });
        return (path, verifier, state);
    }

    /// <summary>The value of hidden form field <paramref name="name"/> in <paramref name="html"/>.</summary>
    public static string FormField(string html, string name) => HiddenField(html, name);

    /// <summary>
    /// One sign-in attempt on the login page, as a fresh browser makes it: the status, the page's error
    /// message (null when none), how long the form post took, and <c>Retry-After</c> when throttled.
    /// </summary>
    public static async Task<LoginAttempt> LoginAttemptAsync(Uri gateway, string userName, string password)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        using var loginPage = await browser.GetAsync(new Uri("account/login", UriKind.Relative));
        var antiforgery = HiddenField(await loginPage.Content.ReadAsStringAsync(), "__RequestVerificationToken");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
        });
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await browser.PostAsync(new Uri("account/login", UriKind.Relative), form);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var html = await response.Content.ReadAsStringAsync();
        var error = Regex.Match(html, "<p class=\"error\" role=\"alert\">(?<text>[^<]*)</p>", RegexOptions.None, TimeSpan.FromSeconds(1));
        return new LoginAttempt(
            response.StatusCode,
            error.Success ? WebUtility.HtmlDecode(error.Groups["text"].Value) : null,
            elapsed,
            response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Exchanges a refresh token; the status and, on success, the new tokens.</summary>
    public static async Task<(HttpStatusCode Status, TokenResponse? Tokens)> RefreshAsync(Uri gateway, string refreshToken, string clientId)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        });
        using var response = await client.PostAsync(new Uri("connect/token", UriKind.Relative), body);
        return (response.StatusCode, response.IsSuccessStatusCode ? await ReadTokensAsync(response) : null);
    }

    /// <summary>Tokens for a service account (client credentials).</summary>
    public static async Task<TokenResponse> ClientCredentialsAsync(Uri gateway, string clientId, string secret)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "nmt-api",
        });
        using var response = await client.PostAsync(new Uri("connect/token", UriKind.Relative), body);
        return await ReadTokensAsync(response);
    }

    private static async Task<TokenResponse> ReadTokensAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint answered {(int)response.StatusCode}: {json}");
        }

        return new TokenResponse(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            json.TryGetProperty("id_token", out var id) ? id.GetString() : null);
    }

    private static Uri ExpectRedirect(HttpResponseMessage response, string what)
    {
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || response.Headers.Location is null)
        {
            throw new InvalidOperationException($"Expected {what}, got {(int)response.StatusCode}.");
        }

        return response.Headers.Location;
    }

    private static string HiddenField(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"(?<value>[^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : throw new InvalidOperationException($"The login page has no {name} field.");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What one sign-in attempt on the login page came to.</summary>
public sealed record LoginAttempt(HttpStatusCode Status, string? Error, TimeSpan Elapsed, TimeSpan? RetryAfter);

/// <summary>What the token endpoint returned.</summary>
public sealed record TokenResponse(string AccessToken, string? RefreshToken, string? IdentityToken);
