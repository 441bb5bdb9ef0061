using Npgsql;

namespace NmtPractice.Testing;

/// <summary>A PostgreSQL database of its own for one test fixture, dropped afterwards.</summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    /// <summary>Prefix of every test database (the test script drops leftovers of crashed runs).</summary>
    public const string Prefix = "nmt_test_";

    private readonly TestInfrastructure _servers;

    private ThrowawayDatabase(TestInfrastructure servers, string name, string connectionString)
    {
        _servers = servers;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connection string to the new database, as its owner.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database on the shared servers, or on <paramref name="servers"/>.</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string purpose, TestInfrastructure? servers = null)
    {
        servers ??= TestInfrastructure.Current;
        var name = $"{Prefix}{Sanitize(purpose)}_{Guid.NewGuid():N}"[..Math.Min(63, Prefix.Length + Sanitize(purpose).Length + 33)];
        await using (var connection = new NpgsqlConnection(servers.PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(servers.PostgresAdmin) { Database = name };
        return new ThrowawayDatabase(servers, name, builder.ConnectionString);
    }

    /// <summary>
    /// Drops the database. An autovacuum worker (a superuser process the test role may not end) can
    /// hold it for a moment: the drop is tried a few times, and a database left behind is removed by
    /// the test script before the next run.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_servers.PostgresAdmin);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                return;
            }
        }
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(16).ToArray());
}
