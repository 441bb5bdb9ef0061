using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// Where a one-time link (an invitation, a forced reset) lets a person set their password. The link's
/// token is Identity's password-reset token: bound to the account's security stamp, so it works once,
/// stops working when a newer link is given or the account is deactivated, and expires
/// (<see cref="NmtIdentityOptions.SetPasswordLinkLifetime"/>). The page is never cached and sends no
/// referrer, so the token does not leave it. The password must pass <see cref="PasswordPolicy"/>.
/// </summary>
internal static class SetPasswordPage
{
    public const string Path = "/account/set-password";

    private const string LinkGone = "This link no longer works: it was used, replaced by a newer one, or has expired. Ask your manager for a new one.";

    public static IEndpointRouteBuilder MapSetPasswordPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? user, string? token) =>
                string.IsNullOrEmpty(user) || string.IsNullOrEmpty(token) || user.Length > 64 || token.Length > 2000
                    ? Message(context, "Set your password", LinkGone, StatusCodes.Status400BadRequest)
                    : Form(context, antiforgery, user, token, errors: []))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost(Path, async (
                HttpContext context,
                IAntiforgery antiforgery,
                UserManager<NmtUser> users,
                IdentityAudit audit,
                TimeProvider time,
                [FromForm] SetPasswordForm form) =>
            {
                if (string.IsNullOrEmpty(form.User) || string.IsNullOrEmpty(form.Token) || form.User.Length > 64 || form.Token.Length > 2000)
                {
                    return Message(context, "Set your password", LinkGone, StatusCodes.Status400BadRequest);
                }

                var password = form.Password ?? string.Empty;
                if (password.Length > 4 * PasswordPolicy.MaximumLength)
                {
                    return Form(context, antiforgery, form.User, form.Token, [$"Use at most {PasswordPolicy.MaximumLength} characters."]);
                }

                if (password != form.Repeat)
                {
                    return Form(context, antiforgery, form.User, form.Token, ["The two passwords are not the same."]);
                }

                var user = await users.FindByIdAsync(form.User);
                if (user is null || !user.IsActive)
                {
                    return Message(context, "Set your password", LinkGone, StatusCodes.Status400BadRequest);
                }

                // The policy first: a weak password is answered without spending the link.
                var problems = PasswordPolicy.Check(user, password).Select(error => error.Description).ToList();
                if (problems.Count > 0)
                {
                    return Form(context, antiforgery, form.User, form.Token, problems);
                }

                var result = await users.ResetPasswordAsync(user, form.Token, password);
                if (!result.Succeeded)
                {
                    if (result.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                    {
                        await audit.RecordAsync(context, "anonymous", "set-password-link-refused", user.Id, allowed: false, time.GetUtcNow());
                        return Message(context, "Set your password", LinkGone, StatusCodes.Status400BadRequest);
                    }

                    return Form(context, antiforgery, form.User, form.Token, [.. result.Errors.Select(error => error.Description)]);
                }

                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
                await users.SetLockoutEndDateAsync(user, null);
                await audit.RecordAsync(context, user.Id, "password-set", user.Id, allowed: true, time.GetUtcNow());
                return Message(context, "Password set", "Your password is set. Sign in with your email address and the new password.", StatusCodes.Status200OK, signIn: true);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        return app;
    }

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string user, string token, List<string> errors)
    {
        NoStore(context);
        var form = antiforgery.GetAndStoreTokens(context);
        var problems = errors.Count == 0
            ? string.Empty
            : $"""<div class="error" role="alert" id="password-problems">{string.Concat(errors.Select(error => $"<p>{WebUtility.HtmlEncode(error)}</p>"))}</div>""";
        var describedBy = errors.Count == 0 ? "password-help" : "password-help password-problems";
        return LoginPage.Shell("Set your password", $"""
              <form method="post" action="{Path}">
                <h1>Set your password</h1>
                {problems}
                <input type="hidden" name="{WebUtility.HtmlEncode(form.FormFieldName)}" value="{WebUtility.HtmlEncode(form.RequestToken)}">
                <input type="hidden" name="user" value="{WebUtility.HtmlEncode(user)}">
                <input type="hidden" name="token" value="{WebUtility.HtmlEncode(token)}">
                <label for="password">New password</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="{PasswordPolicy.MinimumLength}" maxlength="{PasswordPolicy.MaximumLength}" aria-describedby="{describedBy}" autofocus>
                <p class="help" id="password-help">At least {PasswordPolicy.MinimumLength} characters. A few unrelated words with spaces make a strong one that is easy to remember; no need for digits or symbols.</p>
                <label for="repeat">Repeat the password</label>
                <input id="repeat" name="repeat" type="password" autocomplete="new-password" required maxlength="{PasswordPolicy.MaximumLength}">
                <button type="submit">Set password</button>
              </form>
            """, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static IResult Message(HttpContext context, string title, string text, int status, bool signIn = false)
    {
        NoStore(context);
        var link = signIn ? """<a class="secondary" href="/app/">Sign in</a>""" : string.Empty;
        return LoginPage.Shell(title, $"""
              <form>
                <h1>{WebUtility.HtmlEncode(title)}</h1>
                <p>{WebUtility.HtmlEncode(text)}</p>
                {link}
              </form>
            """, status);
    }

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}

/// <summary>The set-password form.</summary>
internal sealed record SetPasswordForm(string? User, string? Token, string? Password, string? Repeat);
