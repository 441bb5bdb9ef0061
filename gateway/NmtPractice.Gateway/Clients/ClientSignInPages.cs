using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NmtPractice.Contracts.Security;
using NmtPractice.Gateway.Identity;

namespace NmtPractice.Gateway.Clients;

/// <summary>
/// A client's sign-in to the portal, without a password: they give their email, are sent a six-digit
/// code (by the notifications service, when the address is on a client's record), and type it in.
/// Every answer is the same whether or not the address is a client's: the same page, status and work
/// (the code is asked for and stored either way). Code requests are limited per address (email: in
/// the database, for every replica) and per client address; a code takes a few tries, then a new one
/// is needed. Forms carry the anti-forgery token; the email never appears in a URL or a log, only its
/// keyed hash in the audit log. A right code signs in to the identity server as the client (the
/// <c>client</c> cookie), from where the portal's authorization request goes on.
/// </summary>
internal static class ClientSignInPages
{
    public const string Scheme = "client";
    public const string Path = "/account/client-sign-in";
    public const string CodePath = "/account/client-sign-in/code";

    /// <summary>Where a client goes after signing in when the request names nowhere (the portal).</summary>
    public const string DefaultReturnUrl = "/app/my";

    public static IEndpointRouteBuilder MapClientSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
                EmailPage(context, antiforgery, ReturnUrl(returnUrl), null, null))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, RequestCodeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(CodePath, EnterCodeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> RequestCodeAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        ClientCodes codes,
        SignInCodeMail mail,
        ClientSignInLimits limits,
        IdentityAudit audit,
        IOptions<NmtIdentityOptions> options,
        TimeProvider time,
        [FromForm] ClientEmailForm form)
    {
        var returnUrl = ReturnUrl(form.ReturnUrl);
        var email = form.Email?.Trim() ?? string.Empty;
        if (!LooksLikeAnEmail(email))
        {
            return EmailPage(context, antiforgery, returnUrl, form.Email, "Enter the email address you gave the clinic, like name@example.com.", StatusCodes.Status400BadRequest);
        }

        var settings = options.Value.ClientSignIn;
        var emailKey = codes.EmailKey(email);
        using var byAddress = limits.Acquire(context);
        if (!byAddress.IsAcquired || await codes.RecentRequestsAsync(emailKey, context.RequestAborted) >= settings.CodesPerEmail.PermitLimit)
        {
            await audit.RecordAsync(context, "anonymous", "client-code-throttled", "email:" + emailKey[..16], allowed: false, time.GetUtcNow());
            context.Response.Headers.RetryAfter = SignInAttempts.Seconds(byAddress.IsAcquired ? settings.CodesPerEmail.Window : limits.Window);
            return EmailPage(context, antiforgery, returnUrl, email, "Too many codes were asked for: wait a few minutes, then try again.", StatusCodes.Status429TooManyRequests);
        }

        var requestId = Guid.CreateVersion7();
        var code = ClientCodes.NewCode();
        var expiresAt = time.GetUtcNow() + settings.CodeLifetime;
        var clients = await mail.SendAsync(requestId, email, code, expiresAt, context.RequestAborted);
        if (clients is null)
        {
            return EmailPage(context, antiforgery, returnUrl, email, "We could not send a code just now. Try again in a minute.", StatusCodes.Status503ServiceUnavailable);
        }

        await codes.StoreAsync(requestId, emailKey, code, clients, expiresAt, context.RequestAborted);
        await audit.RecordAsync(context, "anonymous", "client-code-requested", "email:" + emailKey[..16], allowed: true, time.GetUtcNow());
        return CodePage(context, antiforgery, returnUrl, requestId, email, null);
    }

    private static async Task<IResult> EnterCodeAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        ClientCodes codes,
        ClientSignInLimits limits,
        IdentityAudit audit,
        IOptions<NmtIdentityOptions> options,
        TimeProvider time,
        [FromForm] ClientCodeForm form)
    {
        var returnUrl = ReturnUrl(form.ReturnUrl);
        var email = form.Email?.Trim() ?? string.Empty;
        if (!Guid.TryParse(form.RequestId, out var requestId))
        {
            return EmailPage(context, antiforgery, returnUrl, email, "Ask for a code first.", StatusCodes.Status400BadRequest);
        }

        var code = new string([.. (form.Code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return CodePage(context, antiforgery, returnUrl, requestId, email, "The code is the six digits in the email we sent.", StatusCodes.Status400BadRequest);
        }

        using var byAddress = limits.Acquire(context);
        if (!byAddress.IsAcquired)
        {
            context.Response.Headers.RetryAfter = SignInAttempts.Seconds(limits.Window);
            return CodePage(context, antiforgery, returnUrl, requestId, email, "Too many tries: wait a few minutes, then try again.", StatusCodes.Status429TooManyRequests);
        }

        var (check, emailKey, clients) = await codes.CheckAsync(requestId, code, context.RequestAborted);
        var resource = emailKey.Length > 0 ? "email:" + emailKey[..16] : "request:" + requestId.ToString("N")[..16];
        switch (check)
        {
            case CodeCheck.Right:
                var subject = "client:" + emailKey[..32];
                var identity = new ClaimsIdentity(Scheme, NmtClaims.Name, NmtClaims.Role);
                identity.AddClaim(new Claim(NmtClaims.Subject, subject));
                identity.AddClaim(new Claim(NmtClaims.Name, "Client"));
                identity.AddClaim(new Claim(NmtClaims.Role, NmtRoles.Client));
                identity.AddClaims(clients.Select(client => new Claim(NmtClaims.Client, client.ToString())));
                await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
                {
                    IsPersistent = false,
                    ExpiresUtc = time.GetUtcNow() + options.Value.ClientSignIn.SessionLifetime,
                });
                await audit.RecordAsync(context, subject, "client-sign-in", resource, allowed: true, time.GetUtcNow());
                return Results.LocalRedirect(returnUrl);
            case CodeCheck.Wrong:
                await audit.RecordAsync(context, "anonymous", "client-code-wrong", resource, allowed: false, time.GetUtcNow());
                return CodePage(context, antiforgery, returnUrl, requestId, email, "That code is not right. Check the email and try again.", StatusCodes.Status401Unauthorized);
            default:
                await audit.RecordAsync(context, "anonymous", "client-code-spent", resource, allowed: false, time.GetUtcNow());
                return EmailPage(context, antiforgery, returnUrl, email, "That code has expired or was used up. Ask for a new one.", StatusCodes.Status401Unauthorized);
        }
    }

    /// <summary>The return URL when it is a path of this site, else the portal.</summary>
    private static string ReturnUrl(string? returnUrl) => LoginPage.SafeReturnUrl(returnUrl) is var safe && safe != "/" ? safe : DefaultReturnUrl;

    /// <summary>One @ with something either side, no spaces, at most 254 characters (RFC 5321); the email itself decides the rest.</summary>
    internal static bool LooksLikeAnEmail(string email) =>
        email.Length is > 2 and <= 254 && email.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static IResult EmailPage(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? email, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return LoginPage.Shell("Sign in", $"""
              <form method="post" action="{Path}">
                <h1>Sign in to see your appointments</h1>
                {Error(error)}
                <p class="help">We will email you a code. No password needed.</p>
                <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                <label for="email">Email address</label>
                <input id="email" name="email" type="email" autocomplete="email" inputmode="email" required autofocus maxlength="254" value="{WebUtility.HtmlEncode(email ?? string.Empty)}">
                <button type="submit">Email me a code</button>
              </form>
            """, status);
    }

    private static IResult CodePage(HttpContext context, IAntiforgery antiforgery, string returnUrl, Guid requestId, string email, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return LoginPage.Shell("Enter your code", $"""
              <form method="post" action="{CodePath}">
                <h1>Check your email</h1>
                {Error(error)}
                <p class="help" data-testid="code-sent">If <strong>{WebUtility.HtmlEncode(email)}</strong> is the address on your record, we have sent it a six-digit code. It works for a few minutes.</p>
                <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                <input type="hidden" name="requestId" value="{requestId.ToString("D", CultureInfo.InvariantCulture)}">
                <input type="hidden" name="email" value="{WebUtility.HtmlEncode(email)}">
                <label for="code">Code</label>
                <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]*" maxlength="9" required autofocus>
                <button type="submit">Sign in</button>
                <a class="secondary" href="{Path}?returnUrl={Uri.EscapeDataString(returnUrl)}">Use another address, or ask for a new code</a>
              </form>
            """, status);
    }

    private static string Error(string? error) =>
        error is null ? string.Empty : $"""<p class="error" role="alert">{WebUtility.HtmlEncode(error)}</p>""";
}

/// <summary>The email form.</summary>
internal sealed record ClientEmailForm(string? Email, string? ReturnUrl);

/// <summary>The code form (the email comes back only to be shown again).</summary>
internal sealed record ClientCodeForm(string? RequestId, string? Code, string? Email, string? ReturnUrl);

/// <summary>Code requests and tries from one client address (per replica; the per-email limit is in the database).</summary>
internal sealed class ClientSignInLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;

    public ClientSignInLimits(IOptions<NmtIdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.ClientSignIn.PerAddress;
        Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(15);
        _perAddress = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit),
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public TimeSpan Window { get; }

    public RateLimitLease Acquire(HttpContext context) => _perAddress.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public void Dispose() => _perAddress.Dispose();
}
