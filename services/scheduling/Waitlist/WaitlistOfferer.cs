using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using NmtPractice.Scheduling.Appointments;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Practice.Locations;

namespace NmtPractice.Scheduling.Waitlist;

/// <summary>
/// A Marten subscription on cancellations and reschedules: the freed slot is offered to the
/// longest-waiting open entry for that location and service whose dates (and therapist, when named)
/// match. The offer is written in the same transaction as the subscription's progress, so each
/// freed slot is offered exactly once, even across restarts.
/// </summary>
internal sealed class WaitlistOfferer(TimeProvider time) : SubscriptionBase
{
    public const string SubscriptionName = "WaitlistOfferer";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(operations);
        var offeredInPage = new HashSet<Guid>();
        foreach (var committed in page.Events)
        {
            var freed = committed.Data switch
            {
                AppointmentCancelled cancelled => new FreedSlot(cancelled.AppointmentId, cancelled.LocationId, cancelled.ServiceCode, cancelled.TherapistId, cancelled.StartsAt, cancelled.EndsAt),
                AppointmentRescheduled moved => new FreedSlot(moved.AppointmentId, moved.LocationId, moved.ServiceCode, moved.PreviousTherapistId, moved.PreviousStartsAt, moved.PreviousEndsAt),
                _ => null,
            };
            if (freed is null || freed.StartsAt <= time.GetUtcNow())
            {
                continue;
            }

            var next = await NextInLineAsync(operations, freed.LocationId, freed.ServiceCode, freed.TherapistId, freed.StartsAt, excluding: null, cancellationToken, offeredInPage);
            if (next is not null)
            {
                offeredInPage.Add(next.Id);
                operations.Events.Append(next.Id, new WaitlistSlotOffered(next.Id, next.ClientId, next.LocationId, next.ServiceCode, freed.TherapistId, freed.StartsAt, freed.EndsAt, freed.Id, time.GetUtcNow()));
            }
        }

        return NullChangeListener.Instance;
    }

    private sealed record FreedSlot(Guid Id, Guid LocationId, string ServiceCode, Guid TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>The longest-waiting open entry a slot suits, if any.</summary>
    internal static async Task<WaitlistEntry?> NextInLineAsync(
        IQuerySession session,
        Guid locationId,
        string serviceCode,
        Guid therapistId,
        DateTimeOffset startsAt,
        Guid? excluding,
        CancellationToken cancellationToken,
        IReadOnlySet<Guid>? alsoExcluding = null)
    {
        var location = await session.LoadAsync<Location>(locationId, cancellationToken);
        if (location is null)
        {
            return null;
        }

        var date = WeeklySchedule.LocalDate(startsAt, location.Zone);
        var candidates = await session.Query<WaitlistEntry>()
            .Where(e => e.LocationId == locationId && e.ServiceCode == serviceCode && e.Status == WaitlistStatus.Waiting
                && e.From <= date && e.To >= date)
            .OrderBy(e => e.JoinedAt)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(e =>
            e.Id != excluding
            && alsoExcluding?.Contains(e.Id) != true
            && (e.TherapistId is null || e.TherapistId == therapistId)
            && !e.DeclinedStarts.Contains(startsAt));
    }
}
