namespace NmtPractice.Testing;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ started by <c>deploy/local/infra.sh up</c> are, and the
/// test credentials it generated. Read from the environment, else from <c>.run/local.env</c>.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly Lazy<TestInfrastructure> Instance = new(Load);

    /// <summary>Servers of a test's own (see <see cref="PrivateInfrastructure"/>).</summary>
    public TestInfrastructure(string postgresAdmin, string rabbitHost, int rabbitPort, Uri rabbitManagement, string rabbitUser, string rabbitPassword)
    {
        PostgresAdmin = postgresAdmin;
        RabbitHost = rabbitHost;
        RabbitPort = rabbitPort;
        RabbitManagement = rabbitManagement;
        RabbitUser = rabbitUser;
        RabbitPassword = rabbitPassword;
    }

    private TestInfrastructure(IReadOnlyDictionary<string, string> values)
    {
        string Get(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException(
                $"{key} is not set. Start the local infrastructure first: deploy/local/infra.sh up (it writes .run/local.env).");

        PostgresAdmin = Get("NMT_TEST_PG");
        RabbitHost = Get("NMT_TEST_RABBITMQ_HOST");
        RabbitPort = int.Parse(Get("NMT_TEST_RABBITMQ_PORT"), System.Globalization.CultureInfo.InvariantCulture);
        RabbitManagement = new Uri(Get("NMT_TEST_RABBITMQ_MANAGEMENT"));
        RabbitUser = Get("NMT_TEST_RABBITMQ_USER");
        RabbitPassword = Get("NMT_TEST_RABBITMQ_PASSWORD");
    }

    /// <summary>The shared servers of this machine (<c>deploy/local/infra.sh up</c>).</summary>
    public static TestInfrastructure Current => Instance.Value;

    /// <summary>Connection string of the test role (may create databases) to the <c>postgres</c> database.</summary>
    public string PostgresAdmin { get; }

    public string RabbitHost { get; }

    public int RabbitPort { get; }

    public Uri RabbitManagement { get; }

    public string RabbitUser { get; }

    public string RabbitPassword { get; }

    /// <summary>The repository's root directory (holding NmtPractice.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static TestInfrastructure Load()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var envFile = Path.Combine(RepositoryRoot, ".run", "local.env");
        if (File.Exists(envFile))
        {
            foreach (var (key, value) in ParseEnvFile(File.ReadAllLines(envFile)))
            {
                values[key] = value;
            }
        }

        foreach (var key in values.Keys.ToList().Concat(["NMT_TEST_PG", "NMT_TEST_RABBITMQ_HOST", "NMT_TEST_RABBITMQ_PORT",
                     "NMT_TEST_RABBITMQ_MANAGEMENT", "NMT_TEST_RABBITMQ_USER", "NMT_TEST_RABBITMQ_PASSWORD"]))
        {
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } fromEnvironment)
            {
                values[key] = fromEnvironment;
            }
        }

        return new TestInfrastructure(values);
    }

    /// <summary>Parses <c>KEY=value</c> and <c>KEY='value'</c> lines; <c>#</c> starts a comment line.</summary>
    public static IEnumerable<(string Key, string Value)> ParseEnvFile(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            if (key.StartsWith("export ", StringComparison.Ordinal))
            {
                key = key["export ".Length..].Trim();
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && ((value[0] == '\'' && value[^1] == '\'') || (value[0] == '"' && value[^1] == '"')))
            {
                value = value[1..^1];
            }

            yield return (key, value);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NmtPractice.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (NmtPractice.sln) above " + AppContext.BaseDirectory);
    }
}
