namespace NmtPractice.OutcomeReporting.Operations.GettingDailyBookings;

/// <summary>The daily bookings view as the API returns it.</summary>
/// <param name="Items">One row per location and day, ordered by day then location.</param>
/// <param name="LastEventAt">The newest event reflected in the rows returned (null when none).</param>
/// <param name="Freshness">How current the view is.</param>
public sealed record DailyBookingsResponse(IReadOnlyList<DailyBookingsRow> Items, DateTimeOffset? LastEventAt, Freshness Freshness);

/// <summary>Bookings of one location on one day.</summary>
public sealed record DailyBookingsRow(Guid LocationId, DateOnly Date, int AppointmentsBooked, int BookedMinutes);

/// <summary><c>GET /api/outcomes/operations/daily-bookings?from=&amp;to=&amp;locationId=&amp;format=</c>.</summary>
internal static class GetDailyBookingsEndpoint
{
    internal const int MaxDays = 366;

    internal static async Task<Results<Ok<DailyBookingsResponse>, FileContentHttpResult>> Handle(
        DateOnly from,
        DateOnly to,
        Guid? locationId,
        string? format,
        IQuerySession session,
        CurrentUser user,
        FreshnessReader freshness,
        CancellationToken cancellationToken)
    {
        var csv = Csv.Wanted(format);
        if (to < from)
        {
            throw new RequestValidationException("to", "'to' must not be before 'from'.");
        }

        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new RequestValidationException("to", $"The range may span at most {MaxDays} days.");
        }

        var current = await freshness.ReadAsync(session, [typeof(DailyLocationBookings)], cancellationToken);
        var query = session.Query<DailyLocationBookings>().Where(view => view.Date >= from && view.Date <= to);
        if (locationId is { } location)
        {
            user.EnsureCanAccess(location);
            query = query.Where(view => view.LocationId == location);
        }
        else if (!user.SeesAllLocations)
        {
            // Without a filter, a clinic manager sees the locations they manage, and only those.
            var allowed = user.Locations.ToArray();
            query = query.Where(view => allowed.Contains(view.LocationId));
        }

        var rows = await query
            .OrderBy(view => view.Date)
            .ThenBy(view => view.LocationId)
            .ToListAsync(cancellationToken);

        var items = rows.Select(view => new DailyBookingsRow(view.LocationId, view.Date, view.AppointmentsBooked, view.BookedMinutes)).ToList();
        if (csv)
        {
            return Csv.File(items, $"daily-bookings-{from:yyyyMMdd}-{to:yyyyMMdd}");
        }

        return TypedResults.Ok(new DailyBookingsResponse(
            items,
            rows.Count == 0 ? null : rows.Max(view => view.LastEventAt),
            current));
    }
}
