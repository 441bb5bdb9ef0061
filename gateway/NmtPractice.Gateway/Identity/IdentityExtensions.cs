using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using NmtPractice.Contracts.Security;
using NmtPractice.Gateway.Clients;
using NmtPractice.ServiceDefaults.Health;
using NmtPractice.Gateway.Staff;
using NmtPractice.ServiceDefaults.Security;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// Sign-in for the whole system. By default the gateway is the OpenID Connect server (OpenIddict):
/// authorization code with PKCE for the browser, client credentials for machine clients, signed JWT
/// access tokens for the audience <c>nmt-api</c>, users with hashed passwords and lockout (ASP.NET
/// Core Identity). With <c>Identity:Mode=External</c> it trusts another provider's tokens instead.
/// </summary>
public static class IdentityExtensions
{
    /// <summary>The scheme that authenticates API calls at the gateway (bearer tokens).</summary>
    public const string ApiScheme = "api";

    /// <summary>The policy YARP routes require: an authenticated API caller.</summary>
    public const string ApiPolicy = "api";

    public static WebApplicationBuilder AddNmtIdentity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(NmtIdentityOptions.Section).Get<NmtIdentityOptions>() ?? new NmtIdentityOptions();
        builder.Services.Configure<NmtIdentityOptions>(builder.Configuration.GetSection(NmtIdentityOptions.Section));

        if (options.Mode == IdentityMode.External)
        {
            AddExternalProvider(builder, options);
        }
        else
        {
            AddLocalServer(builder, options);
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser());

        // The gateway's own 401s (an API call without a valid token) are counted like the services'.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, NmtPractice.ServiceDefaults.Security.UnauthenticatedCountingHandler>();
        return builder;
    }

    /// <summary>Maps the login page and the OpenID Connect endpoints, when the gateway is the identity server.</summary>
    public static WebApplication MapNmtIdentityEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NmtIdentityOptions>>().Value;
        if (options.Mode == IdentityMode.Local)
        {
            app.MapLoginPage();
            app.MapSetPasswordPage();
            app.MapTwoFactorPages();
            app.MapClientSignInPages();
            app.MapAuthorizationEndpoints();
            app.MapStaffApi();
        }

        return app;
    }

    private static void AddLocalServer(WebApplicationBuilder builder, NmtIdentityOptions options)
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("Missing connection string 'ConnectionStrings:postgres' (the gateway's identity database).");
        var issuer = options.Issuer ?? throw new InvalidOperationException("Set Identity:Issuer to the gateway's public URL, e.g. https://nmt.example.com/.");
        if (options.AccountStatusCacheTime <= TimeSpan.Zero || options.AccountStatusCacheTime > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("Identity:AccountStatusCacheTime must be more than zero and at most one minute: a deactivation takes effect within it.");
        }

        builder.Services.AddDbContext<IdentityStore>(db => db
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", IdentityStore.Schema))
            .UseOpenIddict());
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: [HealthExtensions.ReadyTag]);

        builder.Services.AddIdentityCore<NmtUser>(identity =>
            {
                // NIST SP 800-63B: length and a blocklist (PasswordPolicy), no composition rules.
                identity.Password.RequiredLength = PasswordPolicy.MinimumLength;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = false;
                identity.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                identity.ClaimsIdentity.UserNameClaimType = Claims.Name;
                identity.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<IdentityStore>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordPolicy>();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = options.SetPasswordLinkLifetime);

        builder.Services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = ApiOrCookie;
                auth.DefaultChallengeScheme = ApiOrCookie;
            })
            .AddPolicyScheme(ApiOrCookie, "Bearer token or sign-in cookie", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddPolicyScheme(ApiScheme, "Bearer token", policy => policy.ForwardDefault = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            // A client's sign-in (the portal's, by an emailed code): a cookie of its own, never the staff one.
            .AddCookie(ClientSignInPages.Scheme, cookie =>
            {
                cookie.LoginPath = ClientSignInPages.Path;
                cookie.Cookie.Name = "nmt.client";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.ClientSignIn.SessionLifetime;
                cookie.SlidingExpiration = false;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(cookie =>
            {
                cookie.LoginPath = LoginPage.Path;
                cookie.Cookie.Name = "nmt.signin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
                cookie.SlidingExpiration = false;
            }));

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStore>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer)
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow()
                    .RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, NmtClaims.ApiScope)
                    .RegisterClaims(Claims.Subject, Claims.Name, Claims.Role, NmtClaims.Location, NmtClaims.LocationRole, NmtClaims.Client)
                    .SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    // Services validate the access tokens themselves: signed JWTs, not encrypted ones.
                    .DisableAccessTokenEncryption();

                // PKCE with S256 only: a plain challenge is the verifier itself, so it protects nothing.
                server.Configure(settings => settings.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                server.AddSigningKey(LoadOrCreateKey(options.SigningKeyPath))
                    .AddEncryptionKey(LoadOrCreateKey(options.EncryptionKeyPath));

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (!options.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(options.Audience);
                validation.UseAspNetCore();
                validation.AddEventHandler(AccountStatus.RefuseEndedSessions.Descriptor);
            });

        builder.Services.AddHostedService<IdentitySeeder>();
        if (options.ClientSignIn.CodeKey.Length < 16)
        {
            throw new InvalidOperationException(
                "Set Identity:ClientSignIn:CodeKey (at least 16 characters, e.g. openssl rand -base64 32), the same as the notifications service's Notifications:SignInCodeKey.");
        }

        builder.Services.AddSingleton<ClientCodes>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClientCodes>());
        builder.Services.AddSingleton<ClientSignInLimits>();
        builder.Services.AddHttpClient<SignInCodeMail>(http => http.Timeout = TimeSpan.FromSeconds(10));
        var audit = new IdentityAudit(connectionString);
        builder.Services.AddSingleton(audit);
        builder.Services.AddHostedService(_ => audit.Schema);
        builder.Services.AddSingleton<SignInAttempts>();
        builder.Services.AddSingleton(services => new SignInSessions(
            services.GetRequiredService<IdentityAudit>().DataSource,
            services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<SignInSessions>());
        builder.Services.AddSingleton(services => new AccountStatus(
            services.GetRequiredService<IdentityAudit>().DataSource,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NmtIdentityOptions>>()));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<NmtPractice.Gateway.Staff.StaffAccounts>();
        SignInSessions.Use(builder.Services, IdentityConstants.ApplicationScheme);
    }

    private static void AddExternalProvider(WebApplicationBuilder builder, NmtIdentityOptions options)
    {
        var issuer = options.Issuer ?? throw new InvalidOperationException("Identity:Mode=External needs Identity:Issuer (the provider's issuer URL).");
        builder.Services.AddAuthentication(ApiScheme)
            .AddJwtBearer(ApiScheme, bearer =>
            {
                bearer.Authority = issuer.ToString();
                bearer.RequireHttpsMetadata = options.RequireHttps;
                if (options.MetadataBaseAddress is { } internalAddress)
                {
                    bearer.BackchannelHttpHandler = new AuthorityRedirectingHandler(issuer, internalAddress);
                }
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = options.Audience,
                    NameClaimType = NmtClaims.Name,
                    RoleClaimType = NmtClaims.Role,
                };
            });
    }

    /// <summary>An RSA key from a PEM file, or a fresh one (tokens then do not survive a restart).</summary>
    private static RsaSecurityKey LoadOrCreateKey(string? pemPath)
    {
        var rsa = RSA.Create(2048);
        if (!string.IsNullOrWhiteSpace(pemPath))
        {
            rsa.ImportFromPem(File.ReadAllText(pemPath));
        }

        return new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16] };
    }

    private const string ApiOrCookie = "api-or-cookie";
}
