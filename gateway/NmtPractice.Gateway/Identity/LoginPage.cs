using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// The sign-in page of the local identity server: user name and password (checked by
/// <see cref="SignInAttempts"/>: one answer for every refusal, throttled, audited). It only ever
/// redirects to a local URL (no open redirect).
/// </summary>
internal static class LoginPage
{
    public const string Path = "/account/login";

    public static IEndpointRouteBuilder MapLoginPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
                Page(context, antiforgery, SafeReturnUrl(returnUrl), error: null))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost(Path, async (
                HttpContext context,
                IAntiforgery antiforgery,
                SignInManager<NmtUser> signIn,
                SignInAttempts attempts,
                [FromForm] LoginForm form) =>
            {
                var returnUrl = SafeReturnUrl(form.ReturnUrl);
                if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password)
                    || form.UserName.Length > 256 || form.Password.Length > 512)
                {
                    return Page(context, antiforgery, returnUrl, "Enter your user name and password.", StatusCodes.Status400BadRequest);
                }

                var (outcome, retryAfter) = await attempts.SignInAsync(context, signIn, form.UserName, form.Password);
                switch (outcome)
                {
                    case SignInOutcome.SignedIn:
                        return Results.LocalRedirect(returnUrl);
                    case SignInOutcome.TwoFactorRequired:
                        return Results.LocalRedirect(TwoFactorPages.Path + QueryString.Create("returnUrl", returnUrl));
                    case SignInOutcome.Throttled:
                        context.Response.Headers.RetryAfter = SignInAttempts.Seconds(retryAfter);
                        return Page(context, antiforgery, returnUrl, "Too many sign-in attempts: wait a few minutes, then try again.", StatusCodes.Status429TooManyRequests);
                    default:
                        // Unknown name, wrong password, disabled or locked account: the same answer.
                        return Page(context, antiforgery, returnUrl, "The user name or password is not right, or the account cannot sign in now.", StatusCodes.Status401Unauthorized);
                }
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        return app;
    }

    /// <summary>
    /// The return URL when it is a plain path of this site (at most 2,000 characters, no control
    /// characters, spaces or backslashes, which browsers and <c>LocalRedirect</c> read differently),
    /// else the site root.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2000 && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? returnUrl
            : "/";

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? string.Empty : $"""<p class="error" role="alert">{WebUtility.HtmlEncode(error)}</p>""";
        return Shell("Sign in", $"""
              <form method="post" action="{Path}">
                <h1>Sign in to NmtPractice</h1>
                {message}
                <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                <label for="userName">User name</label>
                <input id="userName" name="userName" autocomplete="username" required autofocus>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
              </form>
            """, status);
    }

    /// <summary>A page of the identity server around <paramref name="body"/> (HTML the caller has encoded).</summary>
    internal static IResult Shell(string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{WebUtility.HtmlEncode(title)}} · NmtPractice</title>
              <link rel="icon" href="data:,">
              <style>
                body { font-family: system-ui, sans-serif; background: #f4f6f8; display: grid; place-items: center; min-height: 100vh; margin: 0; }
                form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 2px 12px #0002; box-sizing: border-box; width: min(22rem, calc(100vw - 2rem)); }
                .secondary { display: block; margin-top: 1rem; text-align: center; color: #1f5f8b; }
                h1 { font-size: 1.3rem; margin: 0 0 1rem; }
                label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
                input { width: 100%; padding: .6rem; font-size: 1rem; box-sizing: border-box; border: 1px solid #99a; border-radius: 4px; }
                button { margin-top: 1.25rem; width: 100%; padding: .7rem; font-size: 1rem; background: #1f5f8b; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
                .error { color: #a11; }
                .help { font-size: .9rem; color: #445; margin: .35rem 0 0; overflow-wrap: anywhere; }
                .qr svg { display: block; width: 11rem; height: 11rem; margin: .5rem 0; }
                .key { font-size: 1rem; word-spacing: .2rem; }
                ol { padding-left: 1.2rem; } li { margin: .5rem 0; }
                .codes { columns: 2; font-size: 1rem; padding-left: 1.2rem; margin: .5rem 0 0; }
                .codes li { break-inside: avoid; margin: 0 0 .5rem; }
                a.primary { display: block; margin-top: 1.25rem; padding: .7rem; text-align: center; background: #1f5f8b; color: #fff; border-radius: 4px; text-decoration: none; }
              </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

/// <summary>The sign-in form.</summary>
internal sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);
