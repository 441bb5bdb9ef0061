using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NmtPractice.Contracts.Security;
using QRCoder;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238, ASP.NET Core Identity's authenticator
/// provider). Clinic managers and operations admins must use it: until they have enrolled, a right
/// password leads only to enrolment (a key and its QR code, confirmed with a first code), which ends by
/// showing ten one-time recovery codes. Afterwards a right password leads to the code step; a recovery
/// code works there once instead. Wrong codes count towards the account's lockout like wrong passwords,
/// and every step is audited.
/// </summary>
internal static class TwoFactorPages
{
    public const string Path = "/account/two-factor";
    public const string EnrolPath = "/account/two-factor/enrol";
    private const string Issuer = "NmtPractice";

    /// <summary>Whether the user must sign in with a second factor: anyone who manages a location or the chain.</summary>
    public static bool Required(NmtUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Roles.Contains(NmtRoles.OperationsAdmin) || user.Grants.Any(grant => grant.Role == NmtRoles.ClinicManager);
    }

    public static IEndpointRouteBuilder MapTwoFactorPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext context, IAntiforgery antiforgery, SignInManager<NmtUser> signIn, string? returnUrl) =>
                await signIn.GetTwoFactorAuthenticationUserAsync() is null
                    ? Results.LocalRedirect(LoginPage.Path + QueryString.Create("returnUrl", LoginPage.SafeReturnUrl(returnUrl)))
                    : CodePage(context, antiforgery, LoginPage.SafeReturnUrl(returnUrl), error: null))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost(Path, async (
                HttpContext context,
                IAntiforgery antiforgery,
                SignInManager<NmtUser> signIn,
                IdentityAudit audit,
                TimeProvider time,
                [FromForm] CodeForm form) =>
            {
                var returnUrl = LoginPage.SafeReturnUrl(form.ReturnUrl);
                var user = await signIn.GetTwoFactorAuthenticationUserAsync();
                if (user is null)
                {
                    return Results.LocalRedirect(LoginPage.Path + QueryString.Create("returnUrl", returnUrl));
                }

                var code = Normalise(form.Code);
                if (code.Length is 0 or > 32)
                {
                    return CodePage(context, antiforgery, returnUrl, "Enter the six-digit code from your authenticator app, or a recovery code.", StatusCodes.Status400BadRequest);
                }

                var recovery = !code.All(char.IsAsciiDigit);
                var result = recovery
                    ? await signIn.TwoFactorRecoveryCodeSignInAsync(code.ToUpperInvariant())
                    : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
                if (result.Succeeded)
                {
                    await audit.RecordAsync(context, user.Id, recovery ? "sign-in-recovery-code" : "sign-in-two-factor", user.Id, allowed: true, time.GetUtcNow());
                    return Results.LocalRedirect(returnUrl);
                }

                await audit.RecordAsync(context, user.Id, result.IsLockedOut ? "lockout" : "sign-in-wrong-code", user.Id, allowed: false, time.GetUtcNow());
                return CodePage(context, antiforgery, returnUrl, "That code is not right, or the account cannot sign in now. Codes change every 30 seconds: try the current one.", StatusCodes.Status401Unauthorized);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapGet(EnrolPath, async (HttpContext context, IAntiforgery antiforgery, UserManager<NmtUser> users, string? returnUrl) =>
            {
                var safe = LoginPage.SafeReturnUrl(returnUrl);
                var user = await SignedInUserAsync(context, users);
                if (user is null)
                {
                    return Results.LocalRedirect(LoginPage.Path + QueryString.Create("returnUrl", safe));
                }

                if (user.TwoFactorEnabled)
                {
                    return Results.LocalRedirect(safe);
                }

                return EnrolPage(context, antiforgery, safe, user, await KeyAsync(users, user), error: null);
            })
            .ExcludeFromDescription();

        app.MapPost(EnrolPath, async (
                HttpContext context,
                IAntiforgery antiforgery,
                UserManager<NmtUser> users,
                IdentityAudit audit,
                TimeProvider time,
                [FromForm] CodeForm form) =>
            {
                var returnUrl = LoginPage.SafeReturnUrl(form.ReturnUrl);
                var user = await SignedInUserAsync(context, users);
                if (user is null)
                {
                    return Results.LocalRedirect(LoginPage.Path + QueryString.Create("returnUrl", returnUrl));
                }

                if (user.TwoFactorEnabled)
                {
                    return Results.LocalRedirect(returnUrl);
                }

                var code = Normalise(form.Code);
                if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
                {
                    await audit.RecordAsync(context, user.Id, "two-factor-enrolment-wrong-code", user.Id, allowed: false, time.GetUtcNow());
                    return EnrolPage(context, antiforgery, returnUrl, user, await KeyAsync(users, user),
                        "That code is not right. Check that the app shows NmtPractice and enter its current six digits.", StatusCodes.Status400BadRequest);
                }

                await users.SetTwoFactorEnabledAsync(user, true);
                var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
                await audit.RecordAsync(context, user.Id, "two-factor-enrolled", user.Id, allowed: true, time.GetUtcNow());
                return RecoveryCodesPage(context, returnUrl, codes);
            })
            .ExcludeFromDescription();

        return app;
    }

    private static async Task<NmtUser?> SignedInUserAsync(HttpContext context, UserManager<NmtUser> users)
    {
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return cookie.Succeeded && await users.GetUserAsync(cookie.Principal!) is { IsActive: true } user ? user : null;
    }

    private static async Task<string> KeyAsync(UserManager<NmtUser> users, NmtUser user)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The code without spaces (apps show "123 456"; recovery codes keep their hyphen).</summary>
    private static string Normalise(string? code) =>
        new((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static IResult CodePage(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        NoStore(context);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? string.Empty : $"""<p class="error" role="alert">{WebUtility.HtmlEncode(error)}</p>""";
        return LoginPage.Shell("Two-factor sign-in", $"""
              <form method="post" action="{Path}">
                <h1>Enter your sign-in code</h1>
                {message}
                <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                <label for="code">Code from your authenticator app</label>
                <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required autofocus aria-describedby="code-help">
                <p class="help" id="code-help">Lost your phone? Enter one of your recovery codes instead; each works once.</p>
                <button type="submit">Sign in</button>
              </form>
            """, status);
    }

    private static IResult EnrolPage(HttpContext context, IAntiforgery antiforgery, string returnUrl, NmtUser user, string key, string? error, int status = StatusCodes.Status200OK)
    {
        NoStore(context);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var account = user.Email ?? user.UserName ?? user.Id;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        var grouped = string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
        var message = error is null ? string.Empty : $"""<p class="error" role="alert">{WebUtility.HtmlEncode(error)}</p>""";
        return LoginPage.Shell("Set up two-factor sign-in", $"""
              <form method="post" action="{EnrolPath}">
                <h1>Set up two-factor sign-in</h1>
                <p>Managers sign in with a code from an authenticator app as well as their password.</p>
                {message}
                <ol>
                  <li>In an authenticator app (Microsoft Authenticator, Google Authenticator, 1Password and others), add an account by scanning this code:
                    <div class="qr" role="img" aria-label="QR code of your sign-in key">{svg}</div>
                    or by typing this key: <code id="key" class="key">{WebUtility.HtmlEncode(grouped)}</code></li>
                  <li>Enter the six-digit code the app shows.</li>
                </ol>
                <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                <label for="code">Code from the app</label>
                <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required autofocus>
                <button type="submit">Turn on two-factor sign-in</button>
              </form>
            """, status);
    }

    private static IResult RecoveryCodesPage(HttpContext context, string returnUrl, IReadOnlyList<string> codes)
    {
        NoStore(context);
        var list = new StringBuilder();
        foreach (var code in codes)
        {
            list.Append(System.Globalization.CultureInfo.InvariantCulture, $"<li><code>{WebUtility.HtmlEncode(code)}</code></li>");
        }

        return LoginPage.Shell("Your recovery codes", $"""
              <form>
                <h1>Two-factor sign-in is on</h1>
                <p role="status">Keep these recovery codes somewhere safe, away from your phone. If you lose the phone, each code signs you in once. They are shown only now.</p>
                <ul class="codes" aria-label="Recovery codes">{list}</ul>
                <a class="primary" href="{WebUtility.HtmlEncode(returnUrl)}">Continue</a>
              </form>
            """);
    }

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}

/// <summary>The code form of the two-factor pages.</summary>
internal sealed record CodeForm(string? Code, string? ReturnUrl);
