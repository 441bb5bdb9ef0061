using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NmtPractice.Gateway.Identity;
using Npgsql;

namespace NmtPractice.Gateway.Clients;

/// <summary>What checking a code came to.</summary>
internal enum CodeCheck
{
    /// <summary>Right, in time, first use: the client records it opens come with it.</summary>
    Right,

    /// <summary>Wrong, and the code still takes tries.</summary>
    Wrong,

    /// <summary>Expired, used, out of tries or unknown: a new code is needed.</summary>
    Spent,
}

/// <summary>
/// The one-time codes of clients' sign-in requests, in <c>identity.client_sign_in_codes</c> (shared by
/// every gateway replica). A code is kept only as a keyed hash bound to its request, an email only as
/// a keyed hash; a request for an address no client has is stored alike (with no records), so that
/// nothing about it differs. Each try is counted before it is compared; a right code is spent by the
/// same statement that accepts it, so it signs in once.
/// </summary>
internal sealed class ClientCodes(IdentityAudit audit, IOptions<NmtIdentityOptions> options, TimeProvider time) : IHostedService
{
    private const string Table = IdentityStore.Schema + ".client_sign_in_codes";
    private readonly ClientSignInOptions _settings = options.Value.ClientSignIn;
    private readonly byte[] _codeKey = Derive(options.Value.ClientSignIn.CodeKey, "code");
    private readonly byte[] _emailKey = Derive(options.Value.ClientSignIn.CodeKey, "email");

    private NpgsqlDataSource Database => audit.DataSource;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = Database.CreateCommand(
            $"""
            create schema if not exists {IdentityStore.Schema};
            create table if not exists {Table} (
                id uuid primary key,
                email_key text not null,
                code_hash bytea not null,
                client_ids uuid[] not null,
                created_at timestamptz not null,
                expires_at timestamptz not null,
                attempts int not null default 0,
                used_at timestamptz null);
            create index if not exists client_sign_in_codes_email on {Table} (email_key, created_at);
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The keyed hash an email is counted and audited by (case and surrounding spaces ignored).</summary>
    public string EmailKey(string email) =>
        Convert.ToHexString(HMACSHA256.HashData(_emailKey, Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()))).ToLowerInvariant();

    /// <summary>A new random code of six digits.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>How many codes were asked for this email within the window.</summary>
    public async Task<int> RecentRequestsAsync(string emailKey, CancellationToken cancellationToken)
    {
        await using var command = Database.CreateCommand($"select count(*) from {Table} where email_key = $1 and created_at > $2");
        command.Parameters.AddWithValue(emailKey);
        command.Parameters.AddWithValue(time.GetUtcNow() - _settings.CodesPerEmail.Window);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Keeps a request's code (as a hash) and the client records the email opens (none for an unknown email).</summary>
    public async Task StoreAsync(Guid requestId, string emailKey, string code, IReadOnlyList<Guid> clientIds, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // The address's requests of days ago go with it: they count for nothing any more.
        await using (var forget = Database.CreateCommand($"delete from {Table} where email_key = $1 and expires_at < $2"))
        {
            forget.Parameters.AddWithValue(emailKey);
            forget.Parameters.AddWithValue(time.GetUtcNow().AddDays(-1));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = Database.CreateCommand(
            $"insert into {Table} (id, email_key, code_hash, client_ids, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)");
        command.Parameters.AddWithValue(requestId);
        command.Parameters.AddWithValue(emailKey);
        command.Parameters.AddWithValue(Hash(requestId, code));
        command.Parameters.AddWithValue(clientIds.ToArray());
        command.Parameters.AddWithValue(time.GetUtcNow());
        command.Parameters.AddWithValue(expiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Counts a try of <paramref name="code"/> for the request and says what it came to. A right code
    /// opens the request's client records and is spent; an address no client has never signs in.
    /// </summary>
    public async Task<(CodeCheck Check, string EmailKey, IReadOnlyList<Guid> ClientIds)> CheckAsync(Guid requestId, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var counted = new NpgsqlCommand(
            $"update {Table} set attempts = attempts + 1 where id = $1 and used_at is null and expires_at > $2 and attempts < $3 " +
            "returning code_hash, client_ids, email_key", connection, transaction);
        counted.Parameters.AddWithValue(requestId);
        counted.Parameters.AddWithValue(now);
        counted.Parameters.AddWithValue(_settings.CodeAttempts);
        byte[] expected;
        Guid[] clients;
        string emailKey;
        await using (var reader = await counted.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (CodeCheck.Spent, string.Empty, []);
            }

            expected = (byte[])reader[0];
            clients = (Guid[])reader[1];
            emailKey = (string)reader[2];
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, Hash(requestId, code)) || clients.Length == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return (CodeCheck.Wrong, emailKey, []);
        }

        await using var spent = new NpgsqlCommand($"update {Table} set used_at = $2 where id = $1 and used_at is null", connection, transaction);
        spent.Parameters.AddWithValue(requestId);
        spent.Parameters.AddWithValue(now);
        var first = await spent.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return first ? (CodeCheck.Right, emailKey, clients) : (CodeCheck.Spent, emailKey, []);
    }

    private byte[] Hash(Guid requestId, string code) =>
        HMACSHA256.HashData(_codeKey, Encoding.UTF8.GetBytes($"{requestId:N}/{code.Trim()}"));

    private static byte[] Derive(string key, string purpose) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"nmt-client-sign-in/{purpose}"));
}
