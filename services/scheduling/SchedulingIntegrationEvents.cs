using NmtPractice.ServiceDefaults.Messaging;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling;

/// <summary>The domain events scheduling publishes, and the integration event each becomes.</summary>
internal static class SchedulingIntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<AppointmentBooked>((e, committed) => new Published.AppointmentBooked(
            e.AppointmentId, e.ClientId, e.LocationId, e.TherapistId, e.ServiceCode, e.StartsAt, e.EndsAt, committed.Timestamp, e.RoomId,
            e.Flags?.Contains(AppointmentFlags.ClearancePending) == true, e.WaitlistEntryId))
        .Map<AppointmentRescheduled>((e, committed) => new Published.AppointmentRescheduled(
            e.AppointmentId, e.ClientId, e.LocationId, e.TherapistId, e.RoomId, e.ServiceCode, e.StartsAt, e.EndsAt, e.PreviousStartsAt, committed.Timestamp))
        .Map<AppointmentCancelled>((e, committed) => new Published.AppointmentCancelled(
            e.AppointmentId, e.ClientId, e.LocationId, e.TherapistId, e.ServiceCode, e.StartsAt, e.EndsAt, ReasonCode(e.Reason), e.LateCancellation, committed.Timestamp, e.AnswerId))
        .Map<AppointmentConfirmedByClient>((e, committed) => new Published.AppointmentConfirmed(
            e.AppointmentId, e.ClientId, e.LocationId, e.StartsAt, e.Via, e.AnswerId, committed.Timestamp))
        .Map<ClientAnswerRefused>((e, committed) => new Published.ClientAnswerRefused(e.AppointmentId, e.ClientId, e.LocationId, e.AnswerId, e.Reason, committed.Timestamp))
        .Map<ClientCheckedIn>((e, committed) => new Published.AppointmentCheckedIn(
            e.AppointmentId, e.ClientId, e.LocationId, e.TherapistId, e.ServiceCode, e.StartsAt, e.EndsAt, committed.Timestamp))
        .Map<AppointmentCompleted>((e, committed) => new Published.AppointmentCompleted(
            e.AppointmentId, e.ClientId, e.LocationId, e.TherapistId, e.ServiceCode, e.StartsAt, e.EndsAt, committed.Timestamp))
        .Map<ClientMarkedNoShow>((e, committed) => new Published.AppointmentMarkedNoShow(
            e.AppointmentId, e.ClientId, e.LocationId, e.TherapistId, e.ServiceCode, e.StartsAt, e.EndsAt, committed.Timestamp))
        .Map<Waitlist.WaitlistSlotOffered>((e, committed) => new Published.WaitlistSlotOffered(
            e.EntryId, e.ClientId, e.LocationId, e.TherapistId, e.ServiceCode, e.StartsAt, e.EndsAt, committed.Timestamp, e.HoldsUntil ?? e.StartsAt))
        .Map<Waitlist.WaitlistClaimRefused>((e, committed) => new Published.WaitlistClaimRefused(
            e.ClaimId, e.AppointmentId, e.EntryId, e.ClientId, e.LocationId, e.Reason, committed.Timestamp))
        .Map<Waitlist.WaitlistOfferExpired>((e, committed) => new Published.WaitlistOfferExpired(e.EntryId, e.ClientId, e.LocationId, e.StartsAt, e.HeldUntil, committed.Timestamp))
        .Map<LocationOpened>((e, committed) => new Published.LocationPublished(e.LocationId, e.Name, e.TimeZone, e.OpeningHours, committed.Timestamp, OneLine(e.Address)))
        .Map<OpeningHoursChanged>((e, committed) => new Published.LocationPublished(e.LocationId, e.Name, e.TimeZone, e.OpeningHours, committed.Timestamp))
        .Map<LocationDetailsChanged>((e, committed) => new Published.LocationPublished(e.LocationId, e.Name, e.TimeZone, e.OpeningHours, committed.Timestamp, OneLine(e.Address)))
        .Map<TherapistRegistered>((e, committed) => new Published.TherapistRegistered(e.TherapistId, e.Name, e.UserId, committed.Timestamp))
        .Map<TherapistAccountLinked>((e, committed) => new Published.TherapistAccountLinked(e.TherapistId, e.UserId, committed.Timestamp))
        .Map<WorkingHoursSet>((e, committed) => new Published.TherapistWorkingHoursSet(e.TherapistId, e.LocationId, e.Hours, committed.Timestamp))
        .Map<TherapistLeavingPlanned>((e, committed) => new Published.TherapistLeavingChanged(e.TherapistId, e.LocationId, e.LeavesOn, CalledOff: false, committed.Timestamp))
        .Map<TherapistLeavingCalledOff>((e, committed) => new Published.TherapistLeavingChanged(e.TherapistId, e.LocationId, e.LeavesOn, CalledOff: true, committed.Timestamp))
        .Map<ClosureScheduled>((e, committed) => new Published.LocationClosureScheduled(e.LocationId, e.ClosureId, e.From, e.To, committed.Timestamp))
        .Map<ClosureShortened>((e, committed) => new Published.LocationClosureChanged(e.LocationId, e.ClosureId, e.From, e.To, Removed: false, committed.Timestamp))
        .Map<ClosureRemoved>((e, committed) => new Published.LocationClosureChanged(e.LocationId, e.ClosureId, e.From, e.To, Removed: true, committed.Timestamp))
        .Map<TimeOffShortened>((e, committed) => new Published.TherapistTimeOffChanged(e.TherapistId, e.TimeOffId, e.From, e.To, Removed: false, committed.Timestamp))
        .Map<TimeOffRemoved>((e, committed) => new Published.TherapistTimeOffChanged(e.TherapistId, e.TimeOffId, e.From, e.To, Removed: true, committed.Timestamp))
        .Map<TimeOffBooked>((e, committed) => new Published.TherapistTimeOffBooked(e.TherapistId, e.TimeOffId, e.From, e.To, committed.Timestamp));

    /// <summary>"12 Newbury St, Suite 2, Boston, MA 02116, US".</summary>
    internal static string OneLine(Address address) =>
        string.Join(", ", new[] { address.Line1, address.Line2, address.City, $"{address.Region} {address.PostalCode}".Trim(), address.Country }
            .Where(part => !string.IsNullOrWhiteSpace(part)));

    internal static string ReasonCode(CancellationReason reason) => reason switch
    {
        CancellationReason.ClientRequest => "client-request",
        CancellationReason.ClientIllness => "client-illness",
        CancellationReason.TherapistUnavailable => "therapist-unavailable",
        CancellationReason.ClinicClosure => "clinic-closure",
        _ => "other",
    };
}
