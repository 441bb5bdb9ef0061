using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Web.SignIn;

/// <summary>
/// Sign-in with the gateway's identity server (OpenID Connect, authorization code with PKCE) as a
/// backend for the front end: the browser holds an HTTP-only session cookie; the tokens stay in
/// this process (<see cref="TokenStore"/>) and are attached to API calls made from here.
/// </summary>
internal static class WebSignIn
{
    public const string SessionClaim = "nmt_session";

    public static WebApplicationBuilder AddWebSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>()
            .Bind(builder.Configuration.GetSection(WebOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var web = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        builder.Services.AddSingleton(web);
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddTransient<InternalAddressHandler>();
        builder.Services.AddHttpClient(TokenStore.ClientName).AddHttpMessageHandler<InternalAddressHandler>();

        // Behind the gateway: redirect URIs must name the public host and scheme the browser used.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only behind a configured proxy (see TrustedProxies): with none, no forwarded header counts.
            if (options.ForwardedHeaders != ForwardedHeaders.None)
            {
                options.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
            }

            if (web.Authority is { } authority)
            {
                // Matched on the host name alone (the port is not compared).
                options.AllowedHosts.Add(authority.Host);
            }
        });

        builder.Services.AddAuthentication(options =>
            {
                // Which sign-in a request carries depends on where it goes: the portal's pages (and the
                // public booking pages) know only the client's sign-in, the rest only staff's.
                options.DefaultScheme = AreaScheme;
                options.DefaultChallengeScheme = AreaChallengeScheme;
            })
            .AddPolicyScheme(AreaScheme, "Staff or client sign-in, by area", policy => policy.ForwardDefaultSelector = context =>
                IsPortal(context.Request.Path) ? PortalCookieScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddPolicyScheme(AreaChallengeScheme, "Staff or client sign-in page, by area", policy => policy.ForwardDefaultSelector = context =>
                IsPortal(context.Request.Path) ? PortalScheme : OpenIdConnectDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "nmt.web";

                // A page the user's role may not open explains itself (Components/Pages/AccessDenied.razor).
                options.AccessDeniedPath = "/access-denied";
                KeepSessionCookie(options, TimeSpan.FromHours(10));
            })
            .AddCookie(PortalCookieScheme, options =>
            {
                options.Cookie.Name = "nmt.portal";
                options.AccessDeniedPath = "/my";
                KeepSessionCookie(options, TimeSpan.FromHours(2));
            })
            .AddOpenIdConnect(options => SignInWith(options, web, web.ClientId, CookieAuthenticationDefaults.AuthenticationScheme))
            .AddOpenIdConnect(PortalScheme, "Client portal", options =>
            {
                SignInWith(options, web, web.PortalClientId, PortalCookieScheme);
                options.CallbackPath = "/my/signin-oidc";
                options.SignedOutCallbackPath = "/my/signout-callback-oidc";
                options.RemoteSignOutPath = "/my/signout-oidc";
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>The client's sign-in (the portal's own cookie, never the staff one).</summary>
    public const string PortalCookieScheme = "portal.cookie";

    /// <summary>The client's sign-in page (the identity server's sign-in by emailed code).</summary>
    public const string PortalScheme = "portal";

    private const string AreaScheme = "area";
    private const string AreaChallengeScheme = "area.challenge";

    /// <summary>The portal's pages (<c>/my</c>) and the public booking pages (<c>/online</c>; the gateway sends <c>/book</c> there), which know clients, not staff.</summary>
    public static bool IsPortal(PathString path) => path.StartsWithSegments("/my", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/online", StringComparison.OrdinalIgnoreCase);

    /// <summary>An HTTP-only session cookie that holds only the session's key; a session whose tokens are gone signs in again.</summary>
    private static void KeepSessionCookie(CookieAuthenticationOptions options, TimeSpan lifetime)
    {
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = lifetime;
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = context =>
        {
            // A session whose tokens are gone (expired refresh, restart) signs in again.
            var tokens = context.HttpContext.RequestServices.GetRequiredService<TokenStore>();
            if (context.Principal?.FindFirstValue(SessionClaim) is not { } session || !tokens.Knows(session))
            {
                context.RejectPrincipal();
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Authorization code with PKCE against the gateway's identity server as <paramref name="clientId"/>, the tokens kept here.</summary>
    private static void SignInWith(OpenIdConnectOptions options, WebOptions web, string clientId, string cookieScheme)
    {
        options.SignInScheme = cookieScheme;
        options.Authority = web.Authority?.ToString();
        options.ClientId = clientId;
        options.ResponseType = "code";
        options.UsePkce = true;

        // The code comes back on a redirect (not an auto-posting form, which the gateway's
        // CSP would block); the handler's cookies must then be sent on that top-level GET.
        options.ResponseMode = "query";
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.RequireHttpsMetadata = web.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "roles", "offline_access", NmtClaims.ApiScope })
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.NameClaimType = NmtClaims.Name;
        options.TokenValidationParameters.RoleClaimType = NmtClaims.Role;
        options.BackchannelHttpHandler = new InternalAddressHandler(web) { InnerHandler = new HttpClientHandler() };
        options.Events.OnTokenValidated = context =>
        {
            var response = context.TokenEndpointResponse;
            if (response?.AccessToken is null || context.Principal?.Identity is not ClaimsIdentity identity)
            {
                context.Fail("The identity server issued no access token.");
                return Task.CompletedTask;
            }

            var tokens = context.HttpContext.RequestServices.GetRequiredService<TokenStore>();
            var expiresIn = int.TryParse(response.ExpiresIn, out var seconds) ? seconds : (int?)null;
            identity.AddClaim(new Claim(SessionClaim, tokens.Add(response.AccessToken, response.RefreshToken, expiresIn, response.IdToken, clientId)));
            return Task.CompletedTask;
        };

        // The identity server signs out at once for a request carrying this session's identity
        // token (it proves the request came from here); without one it asks the user to confirm.
        options.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            if (context.Properties.Parameters.TryGetValue(OpenIdConnectParameterNames.IdTokenHint, out var hint) && hint is string idToken)
            {
                context.ProtocolMessage.IdTokenHint = idToken;
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// <c>POST /sign-out</c> (staff) and <c>POST /my/sign-out</c> (a client) with the page's anti-forgery
    /// token (400 without it): revokes the session's refresh token, ends the session here and then at
    /// the identity server.
    /// </summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sign-out", (HttpContext context, TokenStore tokens, IAntiforgery antiforgery) =>
            SignOutAsync(context, tokens, antiforgery, CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme, "/app/"))
            .RequireAuthorization();
        app.MapPost("/my/sign-out", (HttpContext context, TokenStore tokens, IAntiforgery antiforgery) =>
            SignOutAsync(context, tokens, antiforgery, PortalCookieScheme, PortalScheme, "/app/online"))
            .RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, TokenStore tokens, IAntiforgery antiforgery, string cookieScheme, string signInScheme, string returnTo)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused", detail: "Sign out from the application's own Sign out button.");
        }

        string? idToken = null;
        if (context.User.FindFirstValue(SessionClaim) is { } session)
        {
            idToken = await tokens.EndAsync(session, context.RequestAborted);
        }

        await context.SignOutAsync(cookieScheme);
        var properties = new AuthenticationProperties { RedirectUri = returnTo };
        if (idToken is not null)
        {
            properties.Parameters[OpenIdConnectParameterNames.IdTokenHint] = idToken;
        }

        return Results.SignOut(properties, [signInScheme]);
    }
}
