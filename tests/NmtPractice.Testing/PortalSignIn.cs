using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace NmtPractice.Testing;

/// <summary>
/// A client's sign-in to the portal as a browser makes it: the portal's authorization request, the
/// email form, the code from the email (read by <c>readCode</c>), the code form, and the tokens.
/// </summary>
public static partial class PortalSignIn
{
    public const string ClientId = "nmt-portal";
    public const string EmailPath = "account/client-sign-in";
    public const string CodePath = "account/client-sign-in/code";

    /// <summary>What one form post of the sign-in came to: status, the page, and the request id on a code page.</summary>
    public sealed record SignInPage(HttpStatusCode Status, string Html, string? RequestId, Uri? Location)
    {
        /// <summary>The page's error message, or null.</summary>
        public string? Error => ErrorText().Match(Html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["text"].Value) : null;
    }

    /// <summary>A browser of its own (cookies, no automatic redirects) on the gateway.</summary>
    public static HttpClient Browser(Uri gateway) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Opens the email form and posts <paramref name="email"/> to it.</summary>
    public static async Task<SignInPage> RequestCodeAsync(HttpClient browser, string email, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var formPath = returnUrl is null ? EmailPath : QueryHelpers.AddQueryString(EmailPath, "returnUrl", returnUrl);
        var page = await browser.GetStringAsync(new Uri(formPath, UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OidcSignIn.FormField(page, "__RequestVerificationToken"),
            ["returnUrl"] = OidcSignIn.FormField(page, "returnUrl"),
            ["email"] = email,
        });
        return await PostAsync(browser, EmailPath, form);
    }

    /// <summary>Posts <paramref name="code"/> on the code page <paramref name="codePage"/> showed.</summary>
    public static async Task<SignInPage> EnterCodeAsync(HttpClient browser, SignInPage codePage, string code)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(codePage);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OidcSignIn.FormField(codePage.Html, "__RequestVerificationToken"),
            ["returnUrl"] = OidcSignIn.FormField(codePage.Html, "returnUrl"),
            ["requestId"] = codePage.RequestId ?? throw new InvalidOperationException("Not a code page."),
            ["email"] = OidcSignIn.FormField(codePage.Html, "email"),
            ["code"] = code,
        });
        return await PostAsync(browser, CodePath, form);
    }

    /// <summary>The six-digit code in an email's text.</summary>
    public static string CodeIn(string text) => SixDigits().Match(text) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException("The email carries no six-digit code.");

    /// <summary>
    /// Signs in as the client whose email is <paramref name="email"/>, through the portal's authorization
    /// request, reading the code with <paramref name="readCode"/> (the newest code email to the address).
    /// </summary>
    public static async Task<TokenResponse> SignInAsync(Uri gateway, string email, Uri redirectUri, Func<Task<string>> readCode)
    {
        ArgumentNullException.ThrowIfNull(readCode);
        using var browser = Browser(gateway);
        var (authorize, verifier, state) = OidcSignIn.AuthorizeRequest(ClientId, redirectUri);
        using var toSignIn = await browser.GetAsync(new Uri(authorize, UriKind.Relative));
        var signIn = toSignIn.Headers.Location ?? throw new InvalidOperationException($"The authorize endpoint answered {(int)toSignIn.StatusCode}, not a redirect to the client sign-in.");
        var returnUrl = QueryHelpers.ParseQuery(signIn.Query)["ReturnUrl"].ToString();
        var codePage = await RequestCodeAsync(browser, email, returnUrl);
        if (codePage.RequestId is null)
        {
            throw new InvalidOperationException($"Asking for a code answered {(int)codePage.Status}: {codePage.Error}");
        }

        var entered = await EnterCodeAsync(browser, codePage, await readCode());
        var back = entered.Location ?? throw new InvalidOperationException($"The code was not accepted ({(int)entered.Status}): {entered.Error}");
        using var withCode = await browser.GetAsync(back);
        var callback = withCode.Headers.Location ?? throw new InvalidOperationException($"The authorize endpoint answered {(int)withCode.StatusCode} after sign-in.");
        return await OidcSignIn.ExchangeCodeAsync(browser, callback, state, ClientId, redirectUri, verifier);
    }

    private static async Task<SignInPage> PostAsync(HttpClient browser, string path, FormUrlEncodedContent form)
    {
        using var response = await browser.PostAsync(new Uri(path, UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();
        var request = RequestIdField().Match(html);
        return new SignInPage(response.StatusCode, html, request.Success ? request.Groups["id"].Value : null, response.Headers.Location);
    }

    [GeneratedRegex("<p class=\"error\" role=\"alert\">(?<text>[^<]*)</p>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ErrorText();

    [GeneratedRegex("name=\"requestId\" value=\"(?<id>[0-9a-f-]{36})\"", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RequestIdField();

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SixDigits();
}
