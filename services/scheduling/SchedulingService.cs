using JasperFx.Events.Projections;
using NmtPractice.Scheduling.Availability;
using NmtPractice.Scheduling.Calendars;
using NmtPractice.Scheduling.OnlineBooking;
using NmtPractice.Scheduling.Waitlist;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;

namespace NmtPractice.Scheduling;

/// <summary>The scheduling service's own wiring: what <c>Program.cs</c> adds after the shared defaults.</summary>
public static class SchedulingService
{
    /// <summary>Options, the event store and its projections, messaging and the service's own background work.</summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        builder.AddNmtOptions<SchedulingOptions>(SchedulingOptions.Section);

        var eventStore = builder.AddNmtEventStore(ServiceInfo.Name, options =>
            {
                options.Projections.Snapshot<Appointment>(SnapshotLifecycle.Inline);
                options.Projections.Snapshot<Location>(SnapshotLifecycle.Inline);
                options.Projections.Snapshot<Therapist>(SnapshotLifecycle.Inline);
                options.Projections.Snapshot<ServiceDefinition>(SnapshotLifecycle.Inline);
                options.Projections.Snapshot<WaitlistEntry>(SnapshotLifecycle.Inline);
                options.Schema.For<Appointment>().Index(a => a.LocationId).Index(a => a.StartsAt).Index(a => a.ClientId).Index(a => a.TherapistId).Index(a => a.SeriesId);
                options.Schema.For<ServiceDefinition>().UniqueIndex(s => s.Code);
                options.Schema.For<WaitlistEntry>().Index(e => e.LocationId).Index(e => e.Status);
                options.Schema.For<ClientBookingStatus>().UseOptimisticConcurrency(true);
            })
            .PublishIntegrationEvents(SchedulingIntegrationEvents.Map);
        eventStore.Marten.AddSubscriptionWithServices<WaitlistOfferer>(ServiceLifetime.Singleton, options =>
        {
            options.Name = WaitlistOfferer.SubscriptionName;
            options.IncludeType<AppointmentCancelled>();
            options.IncludeType<AppointmentRescheduled>();
        });
        builder.Services.AddSingleton(new SlotReservations(builder.Configuration.GetConnectionStringOrThrow(EventStoreExtensions.ConnectionStringName)));
        builder.Services.AddHostedService(services => services.GetRequiredService<SlotReservations>());
        builder.Services.AddHostedService<Waitlist.ExpiringOffers.WaitlistOfferExpiry>();
        builder.Services.AddSingleton<OnlineBookingCache>();
        builder.AddNmtAuditLog(ServiceInfo.Name, ServiceInfo.Name);
        builder.AddNmtMessaging(ServiceInfo.Name, bus =>
        {
            bus.AddConsumer<ClientStatusConsumer>(typeof(ClientStatusConsumerDefinition));
            bus.AddConsumer<NoteRefusalConsumer>();
            bus.AddConsumer<Appointments.AnsweringByClient.ClientAnswerConsumer>();
            bus.AddConsumer<Waitlist.ClaimingOffer.WaitlistClaimConsumer>();
        });
        return builder;
    }

    /// <summary>The service's endpoints.</summary>
    public static IEndpointRouteBuilder MapScheduling(this IEndpointRouteBuilder app) =>
        app.MapAppointmentsApi().MapAvailabilityApi().MapOnlineBookingApi().MapCalendarsApi().MapWaitlistApi().MapPracticeApi().MapAuditApi(ServiceInfo.RoutePrefix);
}
