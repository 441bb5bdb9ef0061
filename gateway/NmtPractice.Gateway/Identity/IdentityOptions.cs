using NmtPractice.Contracts.Security;

namespace NmtPractice.Gateway.Identity;

/// <summary>Configuration section <c>Identity</c>.</summary>
public sealed class NmtIdentityOptions
{
    public const string Section = "Identity";

    /// <summary><c>Local</c> (the gateway is the OpenID Connect server) or <c>External</c> (trust another provider).</summary>
    public IdentityMode Mode { get; set; } = IdentityMode.Local;

    /// <summary>The issuer URL tokens carry (the gateway's public address); for External, the provider's.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>External mode: where the provider is reachable from here, when not at its public issuer URL.</summary>
    public Uri? MetadataBaseAddress { get; set; }

    /// <summary>Audience access tokens must name.</summary>
    public string Audience { get; set; } = NmtClaims.ApiAudience;

    /// <summary>Refuse plain HTTP on the identity endpoints (true except for loopback development).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>PEM file with the RSA private key that signs tokens; a fresh key is generated at start when unset.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>PEM file with the RSA private key that encrypts authorization codes and refresh tokens; generated when unset.</summary>
    public string? EncryptionKeyPath { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>How long a gateway replica trusts what it read of an account's status (deactivated, sessions ended); at most a minute.</summary>
    public TimeSpan AccountStatusCacheTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a set-password link (an invitation, a forced reset) works.</summary>
    public TimeSpan SetPasswordLinkLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The browser application (a public client using authorization code with PKCE).</summary>
    public WebClientOptions WebClient { get; set; } = new();

    /// <summary>Clients' sign-in to the portal, by a one-time code sent to their email.</summary>
    public ClientSignInOptions ClientSignIn { get; set; } = new();

    /// <summary>Machine clients (client credentials), keyed by client id.</summary>
    public Dictionary<string, ServiceAccountOptions> ServiceAccounts { get; set; } = [];

    /// <summary>Seeds the demo users with this password when set (local and test environments only).</summary>
    public DemoUserOptions DemoUsers { get; set; } = new();

    /// <summary>Sign-in attempts (right or wrong) per window from one client address; beyond it 429.</summary>
    public SignInLimit SignInPerAddress { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Sign-in attempts per window for one user name, whether it exists or not; beyond it 429.</summary>
    public SignInLimit SignInPerName { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };
}

public sealed class SignInLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

public enum IdentityMode
{
    Local,
    External,
}

public sealed class WebClientOptions
{
    public string ClientId { get; set; } = "nmt-web";

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}

public sealed class ServiceAccountOptions
{
    /// <summary>The client secret (from the environment, never the repository).</summary>
    public string Secret { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public List<string> Roles { get; set; } = [];

    public List<Guid> Locations { get; set; } = [];
}

public sealed class DemoUserOptions
{
    public string? Password { get; set; }

    /// <summary>
    /// The authenticator key (Base32) of the demo managers and admin, who sign in with a second factor:
    /// add it to an authenticator app, or compute codes from it (<c>deploy/local/totp.sh</c>). Unset, they
    /// enrol at their first sign-in like anyone else.
    /// </summary>
    public string? AuthenticatorKey { get; set; }
}

/// <summary>Configuration section <c>Identity:ClientSignIn</c>: the portal's sign-in by email code.</summary>
public sealed class ClientSignInOptions
{
    /// <summary>The portal (a public client using authorization code with PKCE), whose tokens are clients' tokens.</summary>
    public string ClientId { get; set; } = "nmt-portal";

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>
    /// The key shared with the notifications service (<c>Notifications:SignInCodeKey</c>), which the
    /// identity server asks it to email a code with; codes and emails are also kept as hashes keyed by it.
    /// </summary>
    public string CodeKey { get; set; } = string.Empty;

    /// <summary>The cluster of the reverse proxy the notifications service is reached at.</summary>
    public string NotificationsCluster { get; set; } = "notifications";

    /// <summary>How long a code works (once).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong tries a code takes before it stops working.</summary>
    public int CodeAttempts { get; set; } = 5;

    /// <summary>Codes one email address may be sent per window, whether it is a client's or not; beyond it 429.</summary>
    public SignInLimit CodesPerEmail { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Code requests and code tries from one client address per window; beyond it 429.</summary>
    public SignInLimit PerAddress { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(15) };

    /// <summary>How long a client's sign-in at the identity server lasts (the portal keeps its own session with refresh tokens).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
