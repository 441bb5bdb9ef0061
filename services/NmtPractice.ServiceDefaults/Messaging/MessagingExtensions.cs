using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NmtPractice.ServiceDefaults.Clients;

namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>
/// The MassTransit conventions every service shares: RabbitMQ from <c>ConnectionStrings:rabbitmq</c>
/// (an <c>amqp://user:password@host:port/vhost</c> URI), queues named <c>{service}-{consumer}</c>,
/// exchanges named after the contract (one per event type, nothing for <c>IIntegrationEvent</c>), no
/// <c>Fault&lt;T&gt;</c> messages, in-memory retry (long while the database is unreachable, else
/// short) then the error queue, and an idempotent, transactional inbox in front of every consumer.
/// </summary>
public static class MessagingExtensions
{
    /// <summary>Configuration key of the RabbitMQ connection URI.</summary>
    public const string ConnectionStringName = "rabbitmq";

    /// <summary>Adds MassTransit on RabbitMQ; <paramref name="configure"/> registers the service's consumers.</summary>
    public static IHostApplicationBuilder AddNmtMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        var uri = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var broker))
        {
            throw new InvalidOperationException(
                $"Missing or invalid connection string 'ConnectionStrings:{ConnectionStringName}' " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}), expected amqp://user:password@host:port/vhost.");
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddNmtOptions<ClientOptions>(ClientOptions.Section);
        builder.Services.AddScoped<ClientReaches>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // No calls home: nothing leaves the chain's network that its operator did not configure.
            bus.DisableUsageTelemetry();
            configure?.Invoke(bus);

            // Every service knows where each client of the chain is registered, booked and treated, and
            // each location's time zone (its day).
            bus.AddConsumer<ClientReachConsumer>(typeof(ClientReachConsumerDefinition));
            bus.AddConsumer<Practice.LocationClockConsumer>();

            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                // A message that keeps failing goes to the endpoint's _error queue; nothing consumes
                // Fault<T>, and publishing it would need a broker permission no service holds.
                endpoint.PublishFaults = false;

                // While the database is unreachable (a restart, a fail-over) every message would fail:
                // keep retrying it for about a quarter of an hour instead of moving it to the error queue.
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(TransientFailure.Is);
                    retry.Exponential(100, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
                });

                // Any other failure: a few quick retries, then the error queue.
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<Exception>(TransientFailure.Is);
                    retry.Exponential(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                });
                endpoint.UseConsumeFilter(typeof(MartenInboxFilter<>), context);
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.UseNmtBroker(broker, serviceName);
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            // Start even while the broker is down; readiness reports it, and the bus keeps reconnecting.
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });

        return builder;
    }

    /// <summary>
    /// Connects a RabbitMQ bus to the broker named by an <c>amqp://user:password@host:port/vhost</c>
    /// URI with publisher confirms, and names exchanges after the contracts. Public so that test
    /// buses speak exactly the services' topology.
    /// </summary>
    public static void UseNmtBroker(this IRabbitMqBusFactoryConfigurator rabbit, Uri broker, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        ArgumentNullException.ThrowIfNull(broker);
        var (user, password) = Credentials(broker);
        var virtualHost = broker.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort || broker.Port < 0 ? 5672 : broker.Port), virtualHost, host =>
        {
            host.Username(user);
            host.Password(password);
            host.ConnectionName(connectionName);
            host.PublisherConfirmation = true;
        });
        rabbit.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter));

        // Events are published to their own exchange only: an exchange for the marker interface
        // would take every service's events, and no consumer subscribes to it.
        rabbit.Publish<NmtPractice.Contracts.IIntegrationEvent>(publish => publish.Exclude = true);
    }

    private static (string User, string Password) Credentials(Uri broker)
    {
        var userInfo = broker.UserInfo.Split(':', 2);
        return userInfo.Length == 2 && userInfo[0].Length > 0
            ? (Uri.UnescapeDataString(userInfo[0]), Uri.UnescapeDataString(userInfo[1]))
            : throw new InvalidOperationException($"The '{ConnectionStringName}' connection string must include a user and password.");
    }
}
