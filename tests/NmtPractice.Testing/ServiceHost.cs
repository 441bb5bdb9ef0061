using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

    private IHost? _host;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        _host = base.CreateHost(builder);
        return _host;
    }

    /// <summary>
    /// Stops the service once, then disposes it. The factory runs the service's own entry point, whose
    /// <c>app.Run()</c> stops the host when the application stops; the factory's dispose stops it as
    /// well, and two concurrent stops race inside hosted services (Marten's projection coordinator
    /// cancels a token source the other stop has just disposed). Stopping through the application
    /// lifetime and awaiting <c>ApplicationStopped</c> lets the entry point's stop finish first, so the
    /// factory's stop that follows finds everything already stopped.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        var host = Interlocked.Exchange(ref _host, null);
        if (host is not null)
        {
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStopped.Register(() => stopped.TrySetResult()))
            {
                lifetime.StopApplication();
                await stopped.Task.WaitAsync(TimeSpan.FromMinutes(1));
            }
        }

        await base.DisposeAsync();
    }

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
