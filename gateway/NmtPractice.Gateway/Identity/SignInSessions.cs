using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// The identity server's sign-in sessions, kept server-side in <c>identity.sign_in_sessions</c>: the
/// browser's cookie holds only a session key, so signing out (which deletes the row) ends the session
/// for every copy of the cookie, and all gateway replicas see the same sessions. Tickets are stored
/// encrypted with the gateway's data protection keys.
/// </summary>
internal sealed class SignInSessions(NpgsqlDataSource database, IDataProtectionProvider protection, TimeProvider time) : ITicketStore, IHostedService
{
    private const string Table = IdentityStore.Schema + ".sign_in_sessions";
    private readonly IDataProtector _protector = protection.CreateProtector("NmtPractice.Gateway.SignInSessions");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"""
            create schema if not exists {IdentityStore.Schema};
            create table if not exists {Table} (
                key text primary key,
                user_id text not null,
                ticket bytea not null,
                expires_at timestamptz not null);
            create index if not exists sign_in_sessions_user on {Table} (user_id);
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await using var command = database.CreateCommand(
            $"insert into {Table} (key, user_id, ticket, expires_at) values ($1, $2, $3, $4) " +
            "on conflict (key) do update set ticket = excluded.ticket, expires_at = excluded.expires_at");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(ticket.Principal.FindFirst(OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject)?.Value ?? string.Empty);
        command.Parameters.AddWithValue(_protector.Protect(TicketSerializer.Default.Serialize(ticket)));
        command.Parameters.AddWithValue(ticket.Properties.ExpiresUtc ?? time.GetUtcNow().AddHours(10));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var command = database.CreateCommand($"select ticket from {Table} where key = $1 and expires_at > $2");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(time.GetUtcNow());
        if (await command.ExecuteScalarAsync() is not byte[] protectedTicket)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(protectedTicket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Written under keys this gateway no longer has: the session is over.
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var command = database.CreateCommand($"delete from {Table} where key = $1 or expires_at <= $2");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(time.GetUtcNow());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends every sign-in session of a user (deactivation, a forced password reset).</summary>
    public async Task EndAllAsync(string userId)
    {
        await using var command = database.CreateCommand($"delete from {Table} where user_id = $1");
        command.Parameters.AddWithValue(userId);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Puts the sessions behind the sign-in cookie.</summary>
    internal static void Use(IServiceCollection services, string scheme) =>
        services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<SignInSessions>((cookie, sessions) => cookie.SessionStore = sessions);
}
