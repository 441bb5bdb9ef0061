using JasperFx.Events.Projections;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.TreatmentRecords.Practice;
using NmtPractice.TreatmentRecords.Reference;
using NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;

namespace NmtPractice.TreatmentRecords;

/// <summary>The treatment-records service's own wiring: what <c>Program.cs</c> adds after the shared defaults.</summary>
public static class TreatmentRecordsService
{
    /// <summary>Options, the event store and its projections, messaging and the service's own background work.</summary>
    public static WebApplicationBuilder AddTreatmentRecords(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        builder.AddNmtOptions<TreatmentRecordsOptions>(TreatmentRecordsOptions.Section);

        builder.AddNmtEventStore(ServiceInfo.Schema, options =>
            {
                options.Projections.Snapshot<SessionNote>(SnapshotLifecycle.Inline);
                options.Schema.For<SessionNote>().Index(note => note.ClientId).Index(note => note.LocationId);
                options.Schema.For<ClientScreening>().UseOptimisticConcurrency(true);
            })
            .PublishIntegrationEvents(TreatmentRecordsIntegrationEvents.Map);
        builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
        builder.AddNmtMessaging(ServiceInfo.Name, bus =>
        {
            bus.AddConsumer<OpenOnCheckInConsumer>(typeof(OpenOnCheckInConsumerDefinition));
            bus.AddConsumer<TherapistRosterConsumer>();
            bus.AddConsumer<AppointmentRosterConsumer>();
        });
        return builder;
    }

    /// <summary>The service's endpoints.</summary>
    public static IEndpointRouteBuilder MapTreatmentRecords(this IEndpointRouteBuilder app) =>
        app.MapSessionNotesApi().MapReferenceApi().MapAuditApi(ServiceInfo.RoutePrefix);
}
