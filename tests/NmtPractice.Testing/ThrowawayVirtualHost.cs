using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace NmtPractice.Testing;

/// <summary>
/// A RabbitMQ virtual host of its own for one test fixture (created and deleted through the
/// management API), so that fixtures running in parallel never see each other's messages.
/// </summary>
public sealed class ThrowawayVirtualHost : IAsyncDisposable
{
    /// <summary>Prefix of every test virtual host (the test script deletes leftovers of crashed runs).</summary>
    public const string Prefix = "nmt-test-";

    private readonly TestInfrastructure _servers;

    private ThrowawayVirtualHost(TestInfrastructure servers, string name, Uri amqpUri)
    {
        _servers = servers;
        Name = name;
        AmqpUri = amqpUri;
    }

    private readonly List<string> _users = [];

    public string Name { get; }

    /// <summary><c>amqp://user:password@host:port/vhost</c> for the services' <c>ConnectionStrings:rabbitmq</c>.</summary>
    public Uri AmqpUri { get; }

    /// <summary>Creates the virtual host on the shared broker, or on <paramref name="servers"/>.</summary>
    public static async Task<ThrowawayVirtualHost> CreateAsync(string purpose, TestInfrastructure? servers = null)
    {
        var infrastructure = servers ?? TestInfrastructure.Current;
        var name = $"{Prefix}{purpose.ToLowerInvariant()}-{Guid.NewGuid():N}";
        using var client = ManagementClient(infrastructure);
        (await client.PutAsync(new Uri($"api/vhosts/{Uri.EscapeDataString(name)}", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync(
            new Uri($"api/permissions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(infrastructure.RabbitUser)}", UriKind.Relative),
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();

        var amqp = new UriBuilder("amqp", infrastructure.RabbitHost, infrastructure.RabbitPort, Uri.EscapeDataString(name))
        {
            UserName = Uri.EscapeDataString(infrastructure.RabbitUser),
            Password = Uri.EscapeDataString(infrastructure.RabbitPassword),
        };
        return new ThrowawayVirtualHost(infrastructure, name, amqp.Uri);
    }

    /// <summary>
    /// A broker user of its own, with no permission on this virtual host until
    /// <see cref="GrantAsync"/>: to a service using it, the broker is unavailable until then.
    /// </summary>
    public async Task<Uri> CreateUserWithoutAccessAsync()
    {
        var user = $"{Prefix}user-{Guid.NewGuid():N}";
        var password = Guid.NewGuid().ToString("N");
        using var client = ManagementClient(_servers);
        (await client.PutAsJsonAsync(new Uri($"api/users/{user}", UriKind.Relative), new { password, tags = string.Empty })).EnsureSuccessStatusCode();
        _users.Add(user);
        var infrastructure = _servers;
        return new UriBuilder("amqp", infrastructure.RabbitHost, infrastructure.RabbitPort, Uri.EscapeDataString(Name))
        {
            UserName = user,
            Password = password,
        }.Uri;
    }

    /// <summary>
    /// A broker user of its own for <paramref name="service"/>, allowed on this virtual host exactly
    /// what <c>deploy/broker/service-permissions.tsv</c> allows that service: the address it connects with.
    /// </summary>
    public async Task<Uri> CreateServiceUserAsync(string service)
    {
        var permission = BrokerPermissions.For(service);
        var user = await CreateUserWithoutAccessAsync();
        await GrantAsync(user, permission);
        return user;
    }

    /// <summary>Gives a user created by <see cref="CreateUserWithoutAccessAsync"/> the broker permissions of a service on this virtual host.</summary>
    public async Task GrantAsync(Uri userUri, BrokerGrant permission)
    {
        ArgumentNullException.ThrowIfNull(userUri);
        ArgumentNullException.ThrowIfNull(permission);
        using var client = ManagementClient(_servers);
        (await client.PutAsJsonAsync(
            new Uri($"api/permissions/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(Uri.UnescapeDataString(userUri.UserInfo.Split(':')[0]))}", UriKind.Relative),
            new { configure = permission.Configure, write = permission.Write, read = permission.Read })).EnsureSuccessStatusCode();
    }

    /// <summary>Messages waiting in a queue of this virtual host (management API; refreshed every few seconds).</summary>
    public async Task<HttpResponseMessage> GetQueueAsync(string queue)
    {
        using var client = ManagementClient(_servers);
        return await client.GetAsync(new Uri($"api/queues/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(queue)}", UriKind.Relative));
    }

    public async ValueTask DisposeAsync()
    {
        using var client = ManagementClient(_servers);
        foreach (var user in _users)
        {
            using var deleted = await client.DeleteAsync(new Uri($"api/users/{user}", UriKind.Relative));
        }

        using var response = await client.DeleteAsync(new Uri($"api/vhosts/{Uri.EscapeDataString(Name)}", UriKind.Relative));
    }

    /// <summary>An HttpClient for the management API (of the shared broker unless named), authenticated as the test administrator.</summary>
    public static HttpClient ManagementClient(TestInfrastructure? servers = null)
    {
        var infrastructure = servers ?? TestInfrastructure.Current;
        var client = new HttpClient { BaseAddress = infrastructure.RabbitManagement, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{infrastructure.RabbitUser}:{infrastructure.RabbitPassword}")));
        return client;
    }
}
