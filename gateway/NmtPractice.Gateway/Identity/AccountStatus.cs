using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// Whether a user's access tokens still hold: the account is active and the token was issued after
/// the user's sessions were last ended (deactivation, a forced password reset). Every API request
/// passes the gateway, which asks this for each bearer token; an answer is kept for
/// <see cref="NmtIdentityOptions.AccountStatusCacheTime"/> (30 seconds), so a deactivation made at any
/// gateway replica shuts every service to the user within that time, and at once at the replica that
/// made it. Access tokens (15 minutes) are not shortened for this: a one-minute token would make every
/// client refresh every minute, and tokens already handed out would still run their course.
/// </summary>
internal sealed class AccountStatus(NpgsqlDataSource database, TimeProvider time, IOptions<NmtIdentityOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _known = new(StringComparer.Ordinal);

    /// <summary>Whether a token of <paramref name="userId"/> issued at <paramref name="issuedAt"/> is still good.</summary>
    public async ValueTask<bool> HoldsAsync(string userId, DateTimeOffset? issuedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_known.TryGetValue(userId, out var entry) || now - entry.ReadAt >= options.Value.AccountStatusCacheTime)
        {
            entry = await ReadOrLastKnownAsync(userId, entry, now, cancellationToken);
            _known[userId] = entry;
        }

        return entry.Active && (entry.SessionsRevokedAt is not { } revoked || (issuedAt is { } issued && issued >= revoked));
    }

    /// <summary>Drops what is known of a user (this replica changed the account): the next request reads it again.</summary>
    public void Forget(string userId) => _known.TryRemove(userId, out _);

    /// <summary>
    /// Reads the account again. A connection the database dropped (a restart) is retried once on a fresh
    /// one; while the database stays unreachable, what was last read holds (an outage of the identity
    /// database does not sign everyone out; the deactivations it holds back take effect once it is back),
    /// and with nothing read yet the request fails as unavailable (503).
    /// </summary>
    private async Task<Entry> ReadOrLastKnownAsync(string userId, Entry? known, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(userId, now, cancellationToken);
        }
        catch (NpgsqlException)
        {
            try
            {
                return await ReadAsync(userId, now, cancellationToken);
            }
            catch (NpgsqlException) when (known is not null)
            {
                return known with { ReadAt = now - options.Value.AccountStatusCacheTime + TimeSpan.FromSeconds(5) };
            }
        }
    }

    private async Task<Entry> ReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"""select "IsActive", "SessionsRevokedAt" from {IdentityStore.Schema}."AspNetUsers" where "Id" = $1""");
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Entry(reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), now)
            : new Entry(false, null, now);
    }

    private sealed record Entry(bool Active, DateTimeOffset? SessionsRevokedAt, DateTimeOffset ReadAt);

    /// <summary>Refuses a user's access token (401, <c>invalid_token</c>) when <see cref="AccountStatus"/> says it no longer holds; service accounts' and clients' tokens are not staff users'.</summary>
    internal sealed class RefuseEndedSessions(AccountStatus status) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseSingletonHandler<RefuseEndedSessions>()
                .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.AccessTokenPrincipal is not { } principal || principal.GetClaim(Claims.Subject) is not { } subject
                || principal.GetClaim(Claims.ClientId) == subject
                // A client's token (the portal's) belongs to no staff account: it lives and ends with the code sign-in that made it.
                || principal.HasClaim(Claims.Role, NmtPractice.Contracts.Security.NmtRoles.Client))
            {
                return;
            }

            var issuedAt = long.TryParse(principal.GetClaim(TokenClaims.IssuedAt), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : principal.GetCreationDate();
            if (!await status.HoldsAsync(subject, issuedAt, context.CancellationToken))
            {
                context.Reject(
                    error: Errors.InvalidToken,
                    description: "The account has been deactivated or its sessions ended: sign in again.");
            }
        }
    }
}
