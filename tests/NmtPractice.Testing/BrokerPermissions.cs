namespace NmtPractice.Testing;

/// <summary>What one service may do on the broker: RabbitMQ's configure, write and read patterns.</summary>
public sealed record BrokerGrant(string Service, string Configure, string Write, string Read);

/// <summary>
/// The services' broker permissions as <c>deploy/broker/service-permissions.tsv</c> states them, the
/// file the local infrastructure and docker-compose provision from: tests give each service a user
/// with exactly these, so every test of a service shows they are enough.
/// </summary>
public static class BrokerPermissions
{
    private static readonly Lazy<IReadOnlyDictionary<string, BrokerGrant>> Loaded = new(Load);

    /// <summary>Every service that connects to the broker, by name (<c>treatment-records</c>).</summary>
    public static IReadOnlyDictionary<string, BrokerGrant> All => Loaded.Value;

    /// <summary>The permissions of <paramref name="service"/>; unknown names fail loudly.</summary>
    public static BrokerGrant For(string service) =>
        All.TryGetValue(service, out var permission)
            ? permission
            : throw new InvalidOperationException($"deploy/broker/service-permissions.tsv has no line for the service '{service}'.");

    /// <summary>The broker name of the service whose entry point is <typeparamref name="TProgram"/> (its <c>ServiceInfo.Name</c>).</summary>
    public static string ServiceOf<TProgram>() =>
        typeof(TProgram).Assembly.GetTypes().SingleOrDefault(type => type.Name == "ServiceInfo")?.GetField("Name")?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{typeof(TProgram).Assembly.GetName().Name} has no ServiceInfo.Name.");

    /// <summary>Parses the file's lines: comments (<c>#</c>) and blank lines aside, four tab-separated fields.</summary>
    public static IReadOnlyDictionary<string, BrokerGrant> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var permissions = new Dictionary<string, BrokerGrant>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 4)
            {
                throw new FormatException($"A broker permission line has {fields.Length} tab-separated fields, not 4: {line}");
            }

            permissions.Add(fields[0], new BrokerGrant(fields[0], fields[1], fields[2], fields[3]));
        }

        return permissions;
    }

    private static IReadOnlyDictionary<string, BrokerGrant> Load() =>
        Parse(File.ReadAllLines(Path.Combine(TestInfrastructure.RepositoryRoot, "deploy", "broker", "service-permissions.tsv")));
}
