namespace NmtPractice.Scheduling.Waitlist;

/// <summary>
/// How long a freed slot is held for the client it is offered to: <see cref="SchedulingOptions.WaitlistOfferHold"/>
/// of the location's business hours (its weekly opening hours, less its closures), so that an offer
/// made ten minutes before closing is not lost overnight while nobody is at the desk to call. A hold
/// never runs past the slot's start.
/// </summary>
public static class OfferHold
{
    /// <summary>How far ahead a hold looks for opening hours before it falls back to the wall clock.</summary>
    private const int DaysSearched = 366;

    /// <summary>When an offer made at <paramref name="offeredAt"/> stops being held.</summary>
    public static DateTimeOffset Until(Location location, DateTimeOffset offeredAt, TimeSpan hold, DateTimeOffset slotStartsAt)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (hold <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(hold), hold, "A hold is a positive length of time.");
        }

        var zone = location.Zone;
        var left = hold;
        var date = WeeklySchedule.LocalDate(offeredAt, zone);
        for (var day = 0; day < DaysSearched; day++, date = date.AddDays(1))
        {
            if (location.IsClosedOn(date))
            {
                continue;
            }

            foreach (var open in WeeklySchedule.On(location.OpeningHours, date, zone))
            {
                var from = open.From > offeredAt ? open.From : offeredAt;
                if (from >= open.To)
                {
                    continue;
                }

                var available = open.To - from;
                if (available >= left)
                {
                    return Earlier(from + left, slotStartsAt);
                }

                left -= available;
            }
        }

        // A location with no opening hours within a year: the hold runs on the wall clock.
        return Earlier(offeredAt + hold, slotStartsAt);
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
