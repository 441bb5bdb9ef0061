using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.Gateway.Identity;

/// <summary>What a sign-in attempt came to.</summary>
internal enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown name, wrong password, disabled or locked account: one answer for all.</summary>
    Refused,

    /// <summary>Too many attempts from the address or for the name.</summary>
    Throttled,

    /// <summary>The password was right; the authenticator code comes next (<see cref="TwoFactorPages"/>).</summary>
    TwoFactorRequired,
}

/// <summary>
/// Checks a user name and password so that the answer tells nothing about which names exist: an
/// unknown name, a disabled account and a locked one cost the same password hash as a real check
/// and get the same refusal. Attempts are throttled by client address and by name (known or not);
/// repeated failures lock the account against new sign-ins only (its sessions and refresh tokens go
/// on). Every attempt is audited in the gateway's <c>identity.audit_log</c>, never with the password,
/// and an unknown name only as a hash.
/// </summary>
internal sealed class SignInAttempts : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perName;
    private readonly IdentityAudit _audit;
    private readonly TimeProvider _time;
    private readonly PasswordHasher<NmtUser> _hasher = new();
    private readonly string _dummyHash;

    public SignInAttempts(IOptions<NmtIdentityOptions> options, IdentityAudit audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        var settings = options.Value;
        _perAddress = Limiter(settings.SignInPerAddress);
        _perName = Limiter(settings.SignInPerName);
        _audit = audit;
        _time = time;
        _dummyHash = _hasher.HashPassword(new NmtUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    }

    /// <summary>Checks the name and password and signs the user in (the sign-in cookie) when right; with how long to wait when throttled.</summary>
    public async Task<(SignInOutcome Outcome, TimeSpan RetryAfter)> SignInAsync(HttpContext context, SignInManager<NmtUser> signIn, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signIn);
        var name = userName.Trim();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var byAddress = _perAddress.AttemptAcquire(address);
        using var byName = _perName.AttemptAcquire(name.ToUpperInvariant());
        if (!byAddress.IsAcquired || !byName.IsAcquired)
        {
            var retryAfter = new[] { byAddress, byName }
                .Select(lease => lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero)
                .Max();
            await AuditAsync(context, "anonymous", "sign-in-throttled", NameKey(name), allowed: false);
            return (SignInOutcome.Throttled, retryAfter);
        }

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(name);
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            // The same work as checking a real password, so the time taken tells nothing either.
            _hasher.VerifyHashedPassword(new NmtUser(), _dummyHash, password);
            var action = user is null ? "sign-in-unknown-name" : !user.IsActive ? "sign-in-disabled" : "sign-in-while-locked";
            await AuditAsync(context, "anonymous", action, user?.Id ?? NameKey(name), allowed: false);
            return (SignInOutcome.Refused, TimeSpan.Zero);
        }

        // With two-factor sign-in enabled, a right password only opens the code step (a short-lived cookie).
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            await AuditAsync(context, user.Id, "sign-in-password-ok-code-next", user.Id, allowed: true);
            return (SignInOutcome.TwoFactorRequired, TimeSpan.Zero);
        }

        if (!result.Succeeded)
        {
            await AuditAsync(context, "anonymous", result.IsLockedOut ? "lockout" : "sign-in-wrong-password", user.Id, allowed: false);
            return (SignInOutcome.Refused, TimeSpan.Zero);
        }

        await AuditAsync(context, user.Id, "sign-in", user.Id, allowed: true);
        return (SignInOutcome.SignedIn, TimeSpan.Zero);
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perName.Dispose();
    }

    /// <summary>An unknown name is kept as a hash: enough to see many tries of one name, without storing what was typed.</summary>
    private static string NameKey(string name) =>
        "name:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name.ToUpperInvariant())))[..16].ToLowerInvariant();

    private static PartitionedRateLimiter<string> Limiter(SignInLimit limit) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private Task AuditAsync(HttpContext context, string userId, string action, string resourceId, bool allowed) =>
        _audit.RecordAsync(context, userId, action, resourceId, allowed, _time.GetUtcNow());

    internal static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>The gateway's audit table (<c>identity.audit_log</c>, append-only like the services') and a data source to write it.</summary>
internal sealed class IdentityAudit(string connectionString) : IDisposable
{
    public AuditSchema Schema { get; } = new(connectionString, IdentityStore.Schema, "gateway");

    /// <summary>Records one identity event (sign-in, sign-out) for the current request, without any secret.</summary>
    public Task RecordAsync(HttpContext context, string userId, string action, string resourceId, bool allowed, DateTimeOffset at) =>
        RecordAsync(context, userId, new AuditEntry(action, "account", resourceId, null, null), allowed, at);

    /// <summary>Records one entry (a staff change: who did what to whom, at which location) for the current request.</summary>
    public async Task RecordAsync(HttpContext context, string userId, AuditEntry entry, bool allowed, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var command = DataSource.CreateCommand(Schema.Insert(index => $"${index}"));
        foreach (var value in Schema.Row(context, userId, entry, allowed ? AuditOutcome.Allowed : AuditOutcome.Denied, at))
        {
            command.Parameters.AddWithValue(value);
        }

        await command.ExecuteNonQueryAsync(context.RequestAborted);
    }

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

    public void Dispose() => DataSource.Dispose();
}
