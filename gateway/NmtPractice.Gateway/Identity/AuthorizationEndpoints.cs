using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NmtPractice.Gateway.Identity;

/// <summary>The OpenID Connect endpoints whose decisions are ours: authorize, token, logout, userinfo.</summary>
internal static class AuthorizationEndpoints
{
    public static IEndpointRouteBuilder MapAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/connect/token", (Delegate)TokenAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods("/connect/logout", ["GET", "POST"], (Delegate)LogoutAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync).ExcludeFromDescription().DisableAntiforgery()
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        return app;
    }

    /// <summary>Signed-in users (by the login page's cookie) get an authorization code; others go to the login page.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<NmtUser> users, IOptions<NmtIdentityOptions> options, TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.ClientId == options.Value.ClientSignIn.ClientId)
        {
            return await AuthorizeClientAsync(context, request);
        }
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = AuthorizeUrl(context) }, [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(cookie.Principal!);
        if (user is null || !user.IsActive)
        {
            return Forbid(Errors.AccessDenied, "The account is not active.");
        }

        // Managers and admins enrol a second factor before they get any token.
        if (TwoFactorPages.Required(user) && !user.TwoFactorEnabled)
        {
            return Results.LocalRedirect(TwoFactorPages.EnrolPath + QueryString.Create("returnUrl", AuthorizeUrl(context)));
        }

        var identity = TokenClaims.ForUser(user, request.GetScopes(), time.GetUtcNow());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The portal asks for a client's token: only the client sign-in counts (a staff member's sign-in
    /// never makes a client token, nor a client's a staff one); without it, the client signs in by code.
    /// </summary>
    private static async Task<IResult> AuthorizeClientAsync(HttpContext context, OpenIddictRequest request)
    {
        var cookie = await context.AuthenticateAsync(Clients.ClientSignInPages.Scheme);
        if (!cookie.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The client is not signed in.");
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = AuthorizeUrl(context) }, [Clients.ClientSignInPages.Scheme]);
        }

        var principal = cookie.Principal!;
        var identity = TokenClaims.ForClient(
            principal.GetClaim(Claims.Subject)!,
            principal.GetClaims(Contracts.Security.NmtClaims.Client).Select(Guid.Parse),
            request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>This authorization request again, without <c>prompt</c> (where sign-in or enrolment returns to).</summary>
    private static string AuthorizeUrl(HttpContext context) =>
        context.Request.PathBase + context.Request.Path + QueryString.Create(
            context.Request.HasFormContentType
                ? context.Request.Form.Where(pair => pair.Key != Parameters.Prompt).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value.ToString()))
                : context.Request.Query.Where(pair => pair.Key != Parameters.Prompt).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value.ToString())));

    /// <summary>Exchanges a code or refresh token (re-checking the user) or issues a service account's token.</summary>
    private static async Task<IResult> TokenAsync(
        HttpContext context,
        UserManager<NmtUser> users,
        IOptions<NmtIdentityOptions> options,
        TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is { } client && client.HasClaim(Claims.Role, Contracts.Security.NmtRoles.Client))
            {
                // A client's token renews as it was issued: the records their code opened, nothing more.
                var renewed = TokenClaims.ForClient(
                    client.GetClaim(Claims.Subject)!, client.GetClaims(Contracts.Security.NmtClaims.Client).Select(Guid.Parse), client.GetScopes());
                return Results.SignIn(new ClaimsPrincipal(renewed), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            var user = result.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
            // A disabled account loses its sessions; a locked one (too many failed sign-ins, which anyone
            // can cause) keeps them: lockout only stops new sign-ins.
            if (user is null || !user.IsActive)
            {
                return Forbid(Errors.InvalidGrant, "The account is no longer allowed to sign in.");
            }

            // Roles and locations are read again, so that a change takes effect at the next refresh.
            var identity = TokenClaims.ForUser(user, result.Principal!.GetScopes(), time.GetUtcNow());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client (id and secret) before this runs.
            if (request.ClientId is null || !options.Value.ServiceAccounts.TryGetValue(request.ClientId, out var account))
            {
                return Forbid(Errors.UnauthorizedClient, "This client may not act on its own behalf.");
            }

            var identity = TokenClaims.ForServiceAccount(request.ClientId, account, request.GetScopes());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>
    /// Signs out when the request proves it is wanted: it carries an identity token of the signed-in
    /// user (an application signing its user out), or it is the confirmation form posted with this
    /// server's anti-forgery token. Anything else (a cross-site link or form) gets the confirmation page
    /// and changes nothing. Signing out ends the server-side sign-in session (every copy of the cookie)
    /// and revokes the tokens of the application session the identity token belongs to.
    /// </summary>
    private static async Task<IResult> LogoutAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        IOpenIddictTokenManager tokens,
        IOpenIddictAuthorizationManager authorizations,
        IdentityAudit audit,
        TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var hint = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedIn = cookie.Succeeded ? cookie.Principal?.GetClaim(Claims.Subject) : null;
        var hinted = hint?.GetClaim(Claims.Subject) is { } subject && (signedIn is null || signedIn == subject);
        var confirmed = HttpMethods.IsPost(context.Request.Method) && await antiforgery.IsRequestValidAsync(context);
        if (!hinted && !confirmed)
        {
            return ConfirmSignOut(context, antiforgery, request);
        }

        if (hint?.GetAuthorizationId() is { } authorizationId)
        {
            await tokens.RevokeByAuthorizationIdAsync(authorizationId);
            if (await authorizations.FindByIdAsync(authorizationId) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization);
            }
        }

        if ((signedIn ?? hint?.GetClaim(Claims.Subject)) is { } user)
        {
            await audit.RecordAsync(context, user, "sign-out", user, allowed: true, time.GetUtcNow());
        }

        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        await context.SignOutAsync(Clients.ClientSignInPages.Scheme);
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>The sign-out confirmation: a form posting the request's parameters back with an anti-forgery token.</summary>
    private static IResult ConfirmSignOut(HttpContext context, IAntiforgery antiforgery, OpenIddictRequest request)
    {
        var form = antiforgery.GetAndStoreTokens(context);
        var fields = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != form.FormFieldName && (string?)value is { } text)
            {
                fields.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="{WebUtility.HtmlEncode(name)}" value="{WebUtility.HtmlEncode(text)}">""");
            }
        }

        return LoginPage.Shell("Sign out", $"""
              <form method="post" action="/connect/logout">
                <h1>Sign out of NmtPractice?</h1>
                <p>You will need to sign in again to go on working.</p>
                <input type="hidden" name="{WebUtility.HtmlEncode(form.FormFieldName)}" value="{WebUtility.HtmlEncode(form.RequestToken)}">
                {fields}
                <button type="submit">Sign out</button>
                <a class="secondary" href="/app/">Stay signed in</a>
              </form>
            """);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserManager<NmtUser> users)
    {
        var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.Ok(new Dictionary<string, object>
        {
            [Claims.Subject] = user.Id,
            [Claims.Name] = user.DisplayName,
            [Claims.Role] = user.Roles.Concat(user.Grants.Select(grant => grant.Role)).Distinct().ToList(),
            [Contracts.Security.NmtClaims.Location] = user.Locations,
            [Contracts.Security.NmtClaims.LocationRole] = user.Grants.Select(grant => grant.ToString()).ToList(),
        });
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
