using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NmtPractice.Contracts.Security;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// At start: brings the identity database to the current schema, registers the clients from
/// configuration (the browser application and the service accounts), and seeds the demo users when
/// a demo password is configured.
/// </summary>
internal sealed partial class IdentitySeeder(
    IServiceProvider services,
    IOptions<NmtIdentityOptions> options,
    ILogger<IdentitySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        await store.Database.MigrateAsync(cancellationToken);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var (web, portal) = (options.Value.WebClient, options.Value.ClientSignIn);
        await RegisterBrowserClientAsync(applications, web.ClientId, "NmtPractice web application", web.RedirectUris, web.PostLogoutRedirectUris, cancellationToken);
        await RegisterBrowserClientAsync(applications, portal.ClientId, "NmtPractice client portal", portal.RedirectUris, portal.PostLogoutRedirectUris, cancellationToken);
        foreach (var (clientId, account) in options.Value.ServiceAccounts)
        {
            await RegisterServiceAccountAsync(applications, clientId, account, cancellationToken);
        }

        if (options.Value.DemoUsers.Password is { Length: > 0 } password)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<NmtUser>>();
            var keys = scope.ServiceProvider.GetRequiredService<IUserStore<NmtUser>>() as IUserAuthenticatorKeyStore<NmtUser>;
            foreach (var demo in DemoUsers.All)
            {
                var user = await SeedUserAsync(users, demo, password);
                if (keys is not null && options.Value.DemoUsers.AuthenticatorKey is { Length: > 0 } key && TwoFactorPages.Required(user))
                {
                    await keys.SetAuthenticatorKeyAsync(user, key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), cancellationToken);
                    user.TwoFactorEnabled = true;
                    Check(await users.UpdateAsync(user), demo.UserName);
                }
            }

            LogDemoUsers(logger, DemoUsers.All.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A browser application (a public client: authorization code with PKCE, refresh tokens): the staff
    /// web application, and the client portal, whose users are clients signing in by code.
    /// </summary>
    private static async Task RegisterBrowserClientAsync(
        IOpenIddictApplicationManager applications, string clientId, string displayName, IEnumerable<Uri> redirectUris, IEnumerable<Uri> postLogoutRedirectUris,
        CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                Permissions.Prefixes.Scope + NmtClaims.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var uri in postLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(uri);
        }

        await UpsertAsync(applications, descriptor, cancellationToken);
    }

    private static async Task RegisterServiceAccountAsync(
        IOpenIddictApplicationManager applications,
        string clientId,
        ServiceAccountOptions account,
        CancellationToken cancellationToken)
    {
        if (account.Secret.Length < 24)
        {
            throw new InvalidOperationException($"The secret of service account '{clientId}' must have at least 24 characters.");
        }

        await UpsertAsync(applications, new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = account.Secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = account.DisplayName.Length > 0 ? account.DisplayName : clientId,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + NmtClaims.ApiScope,
            },
        }, cancellationToken);
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    private static async Task<NmtUser> SeedUserAsync(UserManager<NmtUser> users, DemoUser demo, string password)
    {
        var user = await users.FindByNameAsync(demo.UserName);
        if (user is null)
        {
            user = new NmtUser { Id = demo.Id, UserName = demo.UserName, DisplayName = demo.DisplayName, Roles = demo.ChainRoles, LocationRoles = demo.LocationRoles };
            Check(await users.CreateAsync(user, password), demo.UserName);
            return user;
        }

        user.DisplayName = demo.DisplayName;
        user.Roles = demo.ChainRoles;
        user.LocationRoles = demo.LocationRoles;
        user.IsActive = true;
        user.SessionsRevokedAt = null;
        Check(await users.UpdateAsync(user), demo.UserName);
        if (!await users.CheckPasswordAsync(user, password))
        {
            Check(await users.RemovePasswordAsync(user), demo.UserName);
            Check(await users.AddPasswordAsync(user, password), demo.UserName);
        }

        return user;
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding demo user {userName} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo users")]
    private static partial void LogDemoUsers(ILogger logger, int count);
}
