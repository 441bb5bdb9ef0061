using MassTransit;
using NmtPractice.Contracts.Notifications;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>The notifications service's events: that a reminder reached the client (appended to the appointment's stream).</summary>
internal sealed class NotificationsEventsConsumer(IDocumentSession session) : IConsumer<AppointmentReminderDelivered>
{
    public Task Consume(ConsumeContext<AppointmentReminderDelivered> context) => Ingest.Append(session, context, e => e.AppointmentId);
}
