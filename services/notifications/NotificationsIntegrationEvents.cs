using NmtPractice.ServiceDefaults.Messaging;
using Published = NmtPractice.Contracts.Notifications;

namespace NmtPractice.Notifications;

/// <summary>What notifications publishes: a client's answers to messages, for scheduling (confirm, cancel, take a waitlist offer) and intake (stop); that a reminder reached the client, for outcome reporting.</summary>
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
        })
        .Map<ReminderReached>((reached, committed) => new Published.AppointmentReminderDelivered(
            reached.AppointmentId, reached.ClientId, reached.LocationId, reached.Channel == Channel.Sms ? "sms" : "email", reached.ReachedAt))
        .Map<WaitlistOfferTaken>((taken, committed) => new Published.WaitlistOfferClaimed(
            taken.MessageId, taken.AppointmentId, taken.WaitlistEntryId, taken.ClientId, taken.LocationId, taken.TherapistId, taken.StartsAt, taken.Via, committed.Timestamp));
}
