using JasperFx.Events.Projections;
using NmtPractice.Intake.Expiry;
using NmtPractice.Intake.Reference;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;

namespace NmtPractice.Intake;

/// <summary>The intake service's own wiring: what <c>Program.cs</c> adds after the shared defaults.</summary>
public static class IntakeService
{
    /// <summary>Options, the event store and its projections, messaging and the service's own background work.</summary>
    public static WebApplicationBuilder AddIntake(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        builder.AddNmtOptions<IntakeOptions>(IntakeOptions.Section);
        builder.AddNmtEventStore(ServiceInfo.Schema, options =>
            {
                options.Projections.Snapshot<ClientRecord>(SnapshotLifecycle.Inline);
                options.Schema.For<ClientRecord>().Index(client => client.LocationId);
            })
            .PublishIntegrationEvents(IntakeIntegrationEvents.Map);
        builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
        builder.AddNmtMessaging(ServiceInfo.Name, bus => bus.AddConsumer<Clients.MessagesStoppedConsumer>());
        if (builder.Configuration.GetValue("EventStore:AsyncDaemon", AsyncDaemonMode.Solo) == AsyncDaemonMode.Solo)
        {
            builder.Services.AddHostedService<LapseMonitor>();
        }

        return builder;
    }

    /// <summary>The service's endpoints.</summary>
    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app) =>
        app.MapReferenceApi().MapClientsApi().MapAuditApi(ServiceInfo.RoutePrefix);
}
