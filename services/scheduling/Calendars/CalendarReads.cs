namespace NmtPractice.Scheduling.Calendars;

/// <summary>What the calendar views read alike: a location's appointments over local days, and the clients' display names.</summary>
internal static class CalendarReads
{
    internal static async Task<IReadOnlyList<Appointment>> AppointmentsAsync(
        IQuerySession session, Guid locationId, DateOnly from, DateOnly to, TimeZoneInfo zone, bool includeCancelled, CancellationToken cancellationToken)
    {
        var start = WeeklySchedule.ToInstant(from, TimeOnly.MinValue, zone);
        var end = WeeklySchedule.ToInstant(to, TimeOnly.MinValue, zone);
        var found = await session.Query<Appointment>()
            .Where(a => a.LocationId == locationId && a.StartsAt >= start && a.StartsAt < end)
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
        return found.Where(a => includeCancelled || a.Status != AppointmentStatus.Cancelled).ToList();
    }

    internal static async Task<Dictionary<Guid, string>> ClientNamesAsync(IQuerySession session, IEnumerable<Appointment> appointments, CancellationToken cancellationToken)
    {
        var ids = appointments.Select(a => a.ClientId).Distinct().ToArray();
        var statuses = await session.LoadManyAsync<ClientBookingStatus>(cancellationToken, ids);
        return statuses.ToDictionary(s => s.Id, s => s.DisplayName);
    }
}
