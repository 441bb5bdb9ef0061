using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using NmtPractice.Contracts.Security;

namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// Every service validates the access token itself (signature, issuer, audience <c>nmt-api</c>,
/// lifetime), whatever the gateway did, and every endpoint requires an authenticated caller unless
/// it opts out (health, OpenAPI).
/// </summary>
/// <remarks>
/// Configuration (section <c>Auth</c>): <c>Authority</c>, the OpenID Connect issuer whose discovery
/// document and keys are fetched (the gateway, or an external provider); or <c>Issuer</c> with
/// <c>SigningKeys</c> (PEM public keys) to validate offline. <c>MetadataBaseAddress</c>: where this
/// service reaches the authority when its public address is not reachable from inside (containers). <c>Audience</c> (default <c>nmt-api</c>),
/// <c>RequireHttpsMetadata</c> (default true; false only for loopback development).
/// </remarks>
public static class AuthenticationExtensions
{
    /// <summary>Adds JWT bearer authentication, the authenticated-by-default policy and <see cref="CurrentUser"/>.</summary>
    public static TBuilder AddNmtAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var auth = builder.Configuration.GetSection("Auth");
        var authority = auth["Authority"];
        var issuer = auth["Issuer"];
        var keys = auth.GetSection("SigningKeys").Get<string[]>() ?? [];
        if (string.IsNullOrWhiteSpace(authority) && (string.IsNullOrWhiteSpace(issuer) || keys.Length == 0))
        {
            throw new InvalidOperationException(
                "Configure Auth:Authority (the OpenID Connect issuer, e.g. the gateway) or Auth:Issuer with Auth:SigningKeys.");
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = auth.GetValue("RequireHttpsMetadata", true);
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = auth["Audience"] ?? NmtClaims.ApiAudience,
                    ValidateAudience = true,
                    ValidateIssuer = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = NmtClaims.Name,
                    RoleClaimType = NmtClaims.Role,
                };

                if (!string.IsNullOrWhiteSpace(authority))
                {
                    options.Authority = authority;
                    if (auth["MetadataBaseAddress"] is { Length: > 0 } internalAddress)
                    {
                        options.BackchannelHttpHandler = new AuthorityRedirectingHandler(new Uri(authority), new Uri(internalAddress));
                    }
                }
                else
                {
                    options.TokenValidationParameters.ValidIssuer = issuer;
                    options.TokenValidationParameters.IssuerSigningKeys = keys.Select(ImportPublicKey).ToList();
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddSingleton<ClientBoundary>();
        return builder;
    }

    /// <summary>Only callers holding one of <paramref name="roles"/> may call the endpoint (403 otherwise).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        RequireRoles(endpoint, (IReadOnlyList<string>)roles);

    /// <summary>Only callers holding one of <paramref name="roles"/> (one of the named sets of <c>NmtRoleSets</c>) may call the endpoint (403 otherwise).</summary>
    /// <remarks>The roles are also endpoint metadata (<see cref="AllowedRoles"/>): at a location, only these roles held there count.</remarks>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, IReadOnlyList<string> roles)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireRole(roles)).WithMetadata(new AllowedRoles(roles));

    private static SecurityKey ImportPublicKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }
}
