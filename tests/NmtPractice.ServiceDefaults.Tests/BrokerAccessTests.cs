using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NmtPractice.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NmtPractice.ServiceDefaults.Tests;

/// <summary>
/// The broker keeps no default administrator (<c>guest</c> could read every user and publish forged
/// events), and each service's own user may publish only its own events and read only its own queues,
/// as <c>deploy/broker/service-permissions.tsv</c> grants them (the services' own tests run as these
/// users, which shows the grants are enough).
/// </summary>
public sealed class BrokerAccessTests
{
    /// <summary>The contexts that publish integration events, each the name of the service that owns them.</summary>
    private static readonly string[] PublishingContexts = ["scheduling", "intake", "treatment-records"];

    public static TheoryData<string, string> EveryServiceAndContext() =>
        new(BrokerPermissions.All.Keys.SelectMany(service => PublishingContexts.Select(context => (service, context))));

    [Theory]
    [MemberData(nameof(EveryServiceAndContext))]
    public async Task A_service_publishes_only_the_events_of_its_own_context(string service, string context)
    {
        // Rule: nmt.<context>.* exchanges take messages from the service that owns the context alone,
        // so no service (outcome reporting publishes nothing) can forge another's screening or signature.
        await using var vhost = await ThrowawayVirtualHost.CreateAsync("permissions");
        var exchange = $"nmt.{context}.probe-happened";
        await using (var admin = await ConnectAsync(vhost.AmqpUri))
        await using (var setUp = await admin.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await setUp.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: TestContext.Current.CancellationToken);
        }

        await using var connection = await ConnectAsync(await vhost.CreateServiceUserAsync(service));
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), TestContext.Current.CancellationToken);

        var publish = channel.BasicPublishAsync(exchange, string.Empty, "{}"u8.ToArray(), TestContext.Current.CancellationToken).AsTask();
        if (service == context)
        {
            await publish;
            Assert.True(channel.IsOpen);
        }
        else
        {
            await Assert.ThrowsAnyAsync<RabbitMQClientException>(() => publish);
            Assert.Equal(403, (int?)channel.CloseReason?.ReplyCode);
        }
    }

    [Fact]
    public async Task A_service_can_neither_read_another_services_queue_nor_bind_into_it()
    {
        await using var vhost = await ThrowawayVirtualHost.CreateAsync("permissions");
        var token = TestContext.Current.CancellationToken;
        await using (var admin = await ConnectAsync(vhost.AmqpUri))
        await using (var setUp = await admin.CreateChannelAsync(cancellationToken: token))
        {
            await setUp.ExchangeDeclareAsync("nmt.intake.screening-completed", ExchangeType.Fanout, durable: true, cancellationToken: token);
            await setUp.ExchangeDeclareAsync("treatment-records-open-on-check-in", ExchangeType.Fanout, durable: true, cancellationToken: token);
            await setUp.QueueDeclareAsync("treatment-records-open-on-check-in", durable: true, exclusive: false, autoDelete: false, cancellationToken: token);
        }

        await using var scheduling = await ConnectAsync(await vhost.CreateServiceUserAsync("scheduling"));

        // Reading treatment records' queue (to take its check-ins away from it) is refused.
        await using (var channel = await scheduling.CreateChannelAsync(cancellationToken: token))
        {
            await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicGetAsync("treatment-records-open-on-check-in", autoAck: true, token));
            Assert.Equal(403, (int?)channel.CloseReason?.ReplyCode);
        }

        // So is routing intake's screenings into it, and declaring a queue under its name.
        await using (var channel = await scheduling.CreateChannelAsync(cancellationToken: token))
        {
            await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.ExchangeBindAsync("treatment-records-open-on-check-in", "nmt.intake.screening-completed", string.Empty, cancellationToken: token));
            Assert.Equal(403, (int?)channel.CloseReason?.ReplyCode);
        }

        await using (var channel = await scheduling.CreateChannelAsync(cancellationToken: token))
        {
            await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.QueueDeclareAsync("treatment-records-spy", durable: true, exclusive: false, autoDelete: false, cancellationToken: token));
            Assert.Equal(403, (int?)channel.CloseReason?.ReplyCode);
        }

        // Its own queue, bound to intake's screenings, is what consuming takes, and it is allowed.
        await using (var channel = await scheduling.CreateChannelAsync(cancellationToken: token))
        {
            await channel.QueueDeclareAsync("scheduling-probe", durable: true, exclusive: false, autoDelete: false, cancellationToken: token);
            await channel.QueueBindAsync("scheduling-probe", "nmt.intake.screening-completed", string.Empty, cancellationToken: token);
            Assert.Null(await channel.BasicGetAsync("scheduling-probe", autoAck: true, token));
        }
    }

    [Fact]
    public void Every_service_that_connects_to_the_broker_has_permissions()
    {
        Assert.Equal(["intake", "notifications", "outcome-reporting", "scheduling", "treatment-records"], BrokerPermissions.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("scheduling", false)]
    [InlineData("intake", false)]
    [InlineData("treatment-records", false)]
    [InlineData("outcome-reporting", false)]
    [InlineData("notifications", true)]
    public async Task Only_the_notifications_service_can_receive_the_contact_details_intake_publishes(string service, bool allowed)
    {
        // Rule: ClientContactChanged carries email addresses and phone numbers; only the service that
        // sends the messages may bind a queue of its own to it (every other event stays readable by all).
        await using var vhost = await ThrowawayVirtualHost.CreateAsync("permissions");
        var token = TestContext.Current.CancellationToken;
        await using (var admin = await ConnectAsync(vhost.AmqpUri))
        await using (var setUp = await admin.CreateChannelAsync(cancellationToken: token))
        {
            await setUp.ExchangeDeclareAsync("nmt.intake.client-contact-changed", ExchangeType.Fanout, durable: true, cancellationToken: token);
            await setUp.ExchangeDeclareAsync("nmt.intake.client-registered", ExchangeType.Fanout, durable: true, cancellationToken: token);
        }

        await using var connection = await ConnectAsync(await vhost.CreateServiceUserAsync(service));
        await using var channel = await connection.CreateChannelAsync(cancellationToken: token);
        await channel.QueueDeclareAsync($"{service}-probe", durable: true, exclusive: false, autoDelete: false, cancellationToken: token);
        await channel.QueueBindAsync($"{service}-probe", "nmt.intake.client-registered", string.Empty, cancellationToken: token);
        var bind = channel.QueueBindAsync($"{service}-probe", "nmt.intake.client-contact-changed", string.Empty, cancellationToken: token);
        if (allowed)
        {
            await bind;
            Assert.True(channel.IsOpen);
        }
        else
        {
            await Assert.ThrowsAsync<OperationInterruptedException>(() => bind);
            Assert.Equal(403, (int?)channel.CloseReason?.ReplyCode);
        }
    }

    [Fact]
    public async Task The_container_set_up_grants_each_service_exactly_its_permissions()
    {
        // docker-compose's rabbitmq-init runs deploy/docker/rabbitmq-init.sh; here it runs against a
        // virtual host and user names of the test's own, and each user must end up with its line of
        // the permissions file, and a broker connection as it.
        await using var vhost = await ThrowawayVirtualHost.CreateAsync("compose");
        var infrastructure = TestInfrastructure.Current;
        var prefix = $"{ThrowawayVirtualHost.Prefix}compose-{Guid.NewGuid():N}-";
        var start = new System.Diagnostics.ProcessStartInfo("sh", [Path.Combine(TestInfrastructure.RepositoryRoot, "deploy", "docker", "rabbitmq-init.sh")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment =
            {
                ["NMT_RABBITMQ_USER"] = infrastructure.RabbitUser,
                ["NMT_RABBITMQ_PASSWORD"] = infrastructure.RabbitPassword,
                ["NMT_RABBITMQ_MANAGEMENT"] = infrastructure.RabbitManagement.ToString().TrimEnd('/'),
                ["NMT_RABBITMQ_VHOST"] = vhost.Name,
                ["NMT_RABBITMQ_USER_PREFIX"] = prefix,
                ["NMT_BROKER_PERMISSIONS"] = Path.Combine(TestInfrastructure.RepositoryRoot, "deploy", "broker", "service-permissions.tsv"),
            },
        };
        foreach (var service in BrokerPermissions.All.Keys)
        {
            start.Environment[$"NMT_RABBITMQ_{service.ToUpperInvariant().Replace('-', '_')}_PASSWORD"] = $"pw{service.Replace("-", string.Empty, StringComparison.Ordinal)}";
        }

        using var management = ThrowawayVirtualHost.ManagementClient();
        try
        {
            using var process = System.Diagnostics.Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, errors);

            foreach (var (service, grant) in BrokerPermissions.All)
            {
                var user = prefix + service;
                using var response = await management.GetAsync(new Uri($"api/permissions/{Uri.EscapeDataString(vhost.Name)}/{user}", UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var granted = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                Assert.Equal(grant.Configure, granted.RootElement.GetProperty("configure").GetString());
                Assert.Equal(grant.Write, granted.RootElement.GetProperty("write").GetString());
                Assert.Equal(grant.Read, granted.RootElement.GetProperty("read").GetString());

                var address = new UriBuilder(vhost.AmqpUri) { UserName = user, Password = $"pw{service.Replace("-", string.Empty, StringComparison.Ordinal)}" }.Uri;
                await using var connection = await ConnectAsync(address);
                Assert.True(connection.IsOpen);
            }
        }
        finally
        {
            foreach (var service in BrokerPermissions.All.Keys)
            {
                using var deleted = await management.DeleteAsync(new Uri($"api/users/{prefix}{service}", UriKind.Relative), TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task<IConnection> ConnectAsync(Uri broker) =>
        await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_default_guest_administrator_does_not_exist()
    {
        var infrastructure = TestInfrastructure.Current;
        using var asGuest = Management("guest", "guest");
        using var asAdmin = Management(infrastructure.RabbitUser, infrastructure.RabbitPassword);

        using var whoAmI = await asGuest.GetAsync(new Uri("api/whoami", UriKind.Relative), TestContext.Current.CancellationToken);
        using var guest = await asAdmin.GetAsync(new Uri("api/users/guest", UriKind.Relative), TestContext.Current.CancellationToken);
        using var admin = await asAdmin.GetAsync(new Uri("api/whoami", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, whoAmI.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guest.StatusCode);
    }

    private static HttpClient Management(string user, string password)
    {
        var client = new HttpClient { BaseAddress = TestInfrastructure.Current.RabbitManagement };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }
}
