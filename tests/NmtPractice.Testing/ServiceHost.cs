using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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
    IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<TProgram>
    where TProgram : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitmq.ToString());
        builder.UseSetting("EventStore:AsyncDaemon", runAsyncDaemon ? "Solo" : "Disabled");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
