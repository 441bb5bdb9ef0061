using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Notifications;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Operations.Appointments;

/// <summary>What reporting knows of one appointment, as it now stands.</summary>
/// <param name="Id">The appointment.</param>
/// <param name="ClientId">The client (an id only).</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist.</param>
/// <param name="Date">The local day it starts on (the offset scheduling sends is the location's).</param>
/// <param name="Minutes">Its length.</param>
/// <param name="Status">booked, checked-in, completed, no-show or cancelled.</param>
/// <param name="LateCancellation">Cancelled inside the notice window.</param>
/// <param name="FromWaitlist">Booked from a waitlist offer.</param>
/// <param name="BookedAt">When it was booked.</param>
/// <param name="Reminded">A reminder reached the client (a text delivered, an email accepted by their mail server).</param>
public sealed record AppointmentFacts(
    Guid Id,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    DateOnly Date,
    int Minutes,
    string Status,
    bool LateCancellation,
    bool FromWaitlist,
    DateTimeOffset BookedAt,
    bool Reminded = false) : ILocatedDay
{
    public const string Booked = "booked";
    public const string CheckedIn = "checked-in";
    public const string Completed = "completed";
    public const string NoShow = "no-show";
    public const string Cancelled = "cancelled";

    /// <summary>
    /// Only that a reminder reached the client is known so far: its booking (from another service's
    /// queue) has not been ingested yet. It has no day, so no period counts it until the booking comes.
    /// </summary>
    public const string Pending = "pending";

    /// <summary>Whether the appointment holds the therapist's time (everything but a cancellation, once booked).</summary>
    public bool HoldsTime => Status is not (Cancelled or Pending);
}

/// <summary>Projects scheduling's appointment events into <see cref="AppointmentFacts"/>.</summary>
public sealed class AppointmentFactsProjection : MultiStreamProjection<AppointmentFacts, Guid>
{
    public AppointmentFactsProjection()
    {
        Identity<AppointmentBooked>(e => e.AppointmentId);
        Identity<AppointmentRescheduled>(e => e.AppointmentId);
        Identity<AppointmentCancelled>(e => e.AppointmentId);
        Identity<AppointmentCheckedIn>(e => e.AppointmentId);
        Identity<AppointmentCompleted>(e => e.AppointmentId);
        Identity<AppointmentMarkedNoShow>(e => e.AppointmentId);
        Identity<AppointmentReminderDelivered>(e => e.AppointmentId);
    }

    public override AppointmentFacts? Evolve(AppointmentFacts? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data switch
        {
            AppointmentBooked booked => new AppointmentFacts(
                booked.AppointmentId, booked.ClientId, booked.LocationId, booked.TherapistId, DayOf(booked.StartsAt),
                MinutesOf(booked.StartsAt, booked.EndsAt), AppointmentFacts.Booked, false, booked.WaitlistEntryId is not null, booked.OccurredAt,
                Reminded: snapshot?.Reminded ?? false),
            // Notifications and scheduling publish on their own queues: a reminder may be ingested before the booking.
            AppointmentReminderDelivered reached when snapshot is null => new AppointmentFacts(
                reached.AppointmentId, reached.ClientId, reached.LocationId, Guid.Empty, default, 0, AppointmentFacts.Pending, false, false, reached.OccurredAt, Reminded: true),
            AppointmentReminderDelivered => snapshot with { Reminded = true },
            AppointmentRescheduled moved when snapshot is not null => snapshot with
            {
                TherapistId = moved.TherapistId,
                Date = DayOf(moved.StartsAt),
                Minutes = MinutesOf(moved.StartsAt, moved.EndsAt),
            },
            AppointmentCancelled cancelled when snapshot is not null => snapshot with
            {
                Status = AppointmentFacts.Cancelled,
                LateCancellation = cancelled.LateCancellation,
            },
            AppointmentCheckedIn when snapshot is not null => snapshot with { Status = AppointmentFacts.CheckedIn },
            AppointmentCompleted when snapshot is not null => snapshot with { Status = AppointmentFacts.Completed },
            AppointmentMarkedNoShow when snapshot is not null => snapshot with { Status = AppointmentFacts.NoShow },
            _ => snapshot,
        };
    }

    private static DateOnly DayOf(DateTimeOffset startsAt) => DateOnly.FromDateTime(startsAt.DateTime);

    private static int MinutesOf(DateTimeOffset startsAt, DateTimeOffset endsAt) => (int)(endsAt - startsAt).TotalMinutes;
}
