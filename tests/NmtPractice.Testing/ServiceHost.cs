using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace NmtPractice.Testing;

/// <summary>
/// One service hosted in-process against the real PostgreSQL database and RabbitMQ virtual host it
/// is given. Several hosts may share a database (to restart a service, or to run an API replica
/// beside a daemon).
/// </summary>
public sealed class ServiceHost<TProgram>(
    string postgres,
    Uri rabbitmq,
    bool runAsyncDaemon = true,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<TProgram>
    where TProgram : class
{
    /// <summary>A client calling as a user in <paramref name="role"/> at <paramref name="locations"/>.</summary>
    public HttpClient CreateClientAs(string role, params Guid[] locations) =>
        CreateClient().WithToken(TestTokens.For(role, locations));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitmq.ToString());
        builder.UseSetting("EventStore:AsyncDaemon", runAsyncDaemon ? "Solo" : "Disabled");
        builder.UseSetting("Auth:Issuer", TestTokens.Issuer);
        builder.UseSetting("Auth:SigningKeys:0", TestTokens.PublicKeyPem);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
