using NmtPractice.ServiceDefaults.Messaging;
using Published = NmtPractice.Contracts.Notifications;

namespace NmtPractice.Notifications;

/// <summary>What notifications publishes: a client's answers to messages, for scheduling (confirm, cancel) and intake (stop).</summary>
internal static class NotificationsIntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<MessageAnswered>((answered, committed) => answered switch
        {
            { Answer: Answers.Stop } => new Published.ClientMessagesStopped(
                answered.ClientId, answered.LocationId, answered.Channel == Channel.Sms ? "sms" : "email", answered.Via == "sms" ? "sms-stop" : answered.Via, committed.Timestamp),
            { AppointmentId: { } appointment } => new Published.AppointmentAnswered(
                answered.MessageId, appointment, answered.ClientId, answered.LocationId, answered.Answer, answered.Via, committed.Timestamp),
            _ => null,
        });
}
