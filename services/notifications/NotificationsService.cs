using JasperFx.Events.Projections;
using NmtPractice.Notifications.Appointments;
using NmtPractice.Notifications.Links;
using NmtPractice.Notifications.Locations;
using NmtPractice.Notifications.Planning;
using NmtPractice.Notifications.Recipients;
using NmtPractice.Notifications.Replies;
using NmtPractice.Notifications.Sending;
using NmtPractice.Notifications.SignInCodes;
using NmtPractice.Notifications.Templates;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;

namespace NmtPractice.Notifications;

/// <summary>The notifications service's own wiring: what <c>Program.cs</c> adds after the shared defaults.</summary>
public static class NotificationsService
{
    /// <summary>Options, the event store and its documents, messaging, the channels and the dispatcher.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        builder.AddNmtOptions<NotificationsOptions>(NotificationsOptions.Section);

        var signal = new DispatchSignal();
        builder.Services.AddSingleton(signal);
        builder.AddNmtEventStore(ServiceInfo.Schema, options =>
            {
                options.Listeners.Add(new PlannedMessageListener(signal));
                options.Projections.Snapshot<Message>(SnapshotLifecycle.Inline);
                options.Projections.Snapshot<MessageSettings>(SnapshotLifecycle.Inline);
                options.Projections.Snapshot<MessageTemplate>(SnapshotLifecycle.Inline);
                options.Schema.For<MessageTemplate>().Index(template => template.LocationId);
                options.Schema.For<Message>()
                    .Index(message => message.ClientId)
                    .Index(message => message.Facts.AppointmentId)
                    .Index(message => message.Facts.WaitlistEntryId)
                    .Index(message => message.SendAt)
                    // The dispatcher's round looks for planned messages whose time has come: a partial
                    // index keeps that read as small as what is planned, however long the sent history grows.
                    .Index(message => message.SendAt, index =>
                    {
                        index.Name = "mt_doc_message_idx_planned_send_at";
                        index.Predicate = "data ->> 'status' = 'Planned'";
                    })
                    .Index(message => message.Status);
                options.Schema.For<KnownAppointment>().Index(appointment => appointment.ClientId).Index(appointment => appointment.LocationId);
                options.Schema.For<Recipient>().Index(recipient => recipient.PhoneLookup).Index(recipient => recipient.EmailLookup);
            })
            .PublishIntegrationEvents(NotificationsIntegrationEvents.Map);
        builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
        builder.AddNmtMessaging(ServiceInfo.Name, bus =>
        {
            bus.AddConsumer<AppointmentMessagesConsumer>(typeof(AppointmentMessagesConsumerDefinition));
            bus.AddConsumer<RecipientConsumer>();
            bus.AddConsumer<ClientErasedConsumer>();
            bus.AddConsumer<PracticeDirectoryConsumer>();
            bus.AddConsumer<ClientNoticesConsumer>();
            bus.AddConsumer<ClaimRefusalConsumer>();
        });

        builder.Services.AddSingleton<ContactProtector>();
        builder.Services.AddSingleton<LinkTokens>();
        builder.Services.AddScoped<MessagePlanner>();
        builder.Services.AddSingleton<IMessageChannel, EmailChannel>();
        builder.Services.AddSingleton<IMessageChannel, SmsChannel>();
        builder.Services.AddSingleton<MessageDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MessageDispatcher>());
        return builder;
    }

    /// <summary>The service's endpoints.</summary>
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app) =>
        app.MapMessagesApi().MapLocationsApi().MapTemplatesApi().MapSendingApi().MapRepliesApi().MapLinksApi().MapSignInCodesApi().MapAuditApi(ServiceInfo.RoutePrefix);
}
