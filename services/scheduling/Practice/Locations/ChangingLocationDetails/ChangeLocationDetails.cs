namespace NmtPractice.Scheduling.Practice.Locations.ChangingLocationDetails;

public sealed record LocationDetailsRequest(string? Name, Address? Address, string? TimeZone);

/// <summary>An upcoming appointment whose local time a change of time zone would move.</summary>
public sealed record MovedByZone(Guid AppointmentId, DateTimeOffset StartsAt, DateTime LocalNow, DateTime LocalAfter);

/// <summary>
/// <c>PUT /api/scheduling/locations/{id}</c> with <c>If-Match</c>: a location's name, address and time
/// zone. Appointments are instants, so a new zone would show them at other local times: the zone may
/// change only when no upcoming appointment's local date and time would change (a correction between
/// zones with the same offsets at those instants, or a clinic with nothing booked yet); otherwise 409
/// lists them, to be moved first. Opening and working hours stay in local time, so they follow the new zone.
/// </summary>
internal static class ChangeLocationDetailsEndpoint
{
    private static readonly RecordRules<Location> Rules = Location.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<LocationResponse>> Handle(
        Guid id, LocationDetailsRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var address = request.Address;
        new InputErrors()
            .LocationDetails(request.Name, address, request.TimeZone)
            .ThrowIfAny();

        var write = await writer.LoadAsync(Rules, id, Audited.Update, cancellationToken);
        var location = write.State;
        var now = time.GetUtcNow();
        if (!string.Equals(location.TimeZone, request.TimeZone, StringComparison.Ordinal))
        {
            var moved = await MovedByAsync(writer.Session, location, TimeZoneInfo.FindSystemTimeZoneById(request.TimeZone!), now, cancellationToken);
            if (moved.Count > 0)
            {
                throw new ConflictException(
                        "Appointments would move",
                        $"{moved.Count} upcoming appointment(s) would show at another local time in {request.TimeZone}; move or cancel them first.")
                    .With("appointments", moved);
            }
        }

        var changed = await write.CommitAsync(
            [new LocationDetailsChanged(id, request.Name!.Trim(), address!, request.TimeZone!, location.OpeningHours, now, user.Id)], cancellationToken);
        return TypedResults.Ok(LocationResponse.From(changed.State, changed.Version));
    }

    /// <summary>The upcoming appointments at the location whose local date and time differ in <paramref name="zone"/>.</summary>
    internal static async Task<IReadOnlyList<MovedByZone>> MovedByAsync(
        IQuerySession session, Location location, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upcoming = await session.Query<Appointment>()
            .Where(a => a.LocationId == location.Id && a.StartsAt > now
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn))
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
        return [.. upcoming
            .Select(a => new MovedByZone(a.Id, a.StartsAt, TimeZoneInfo.ConvertTime(a.StartsAt, location.Zone).DateTime, TimeZoneInfo.ConvertTime(a.StartsAt, zone).DateTime))
            .Where(a => a.LocalNow != a.LocalAfter)];
    }
}
