namespace NmtPractice.Scheduling.OnlineBooking.ListingBookableLocations;

/// <summary>A service clients may book online: what it is, how long, what it costs.</summary>
public sealed record BookableService(string Code, string Name, int DurationMinutes, decimal Price, string Currency);

/// <summary>A therapist as the public pages name them, with the online services they offer at the location.</summary>
public sealed record BookableTherapist(Guid Id, string Name, IReadOnlyList<string> ServiceCodes);

/// <summary>A location that takes bookings online, as anyone may read it.</summary>
public sealed record BookableLocation(
    Guid Id,
    string Name,
    Address Address,
    string TimeZone,
    IReadOnlyList<BookableService> Services,
    IReadOnlyList<BookableTherapist> Therapists,
    int BookAheadDays,
    int MinimumNoticeHours,
    bool NewClients,
    int CancellationNoticeHours);

/// <summary>
/// <c>GET /api/scheduling/public/locations</c>: the chain-wide entry of online booking. Only locations
/// whose policy is open, each with the services its policy offers online and the therapists who offer
/// them there (those with hours at the location). Anonymous; kept for half a minute.
/// </summary>
internal static class ListBookableLocationsEndpoint
{
    internal static async Task<Ok<IReadOnlyList<BookableLocation>>> Handle(IQuerySession session, OnlineBookingCache cache, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cache.GetOrAddAsync("locations", () => ReadAsync(session, cancellationToken)));

    private static async Task<IReadOnlyList<BookableLocation>> ReadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var locations = (await session.Query<Location>().ToListAsync(cancellationToken)).Where(location => location.Online.Open).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        if (locations.Count == 0)
        {
            return [];
        }

        var services = await session.Query<ServiceDefinition>().ToListAsync(cancellationToken);
        var therapists = await session.Query<Therapist>().ToListAsync(cancellationToken);
        return [.. locations.Select(location => Describe(location, services, therapists))];
    }

    internal static BookableLocation Describe(Location location, IReadOnlyList<ServiceDefinition> services, IReadOnlyList<Therapist> therapists)
    {
        var policy = location.Online;
        var offered = services.Where(s => policy.Offers(s.Code)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var working = therapists
            .Where(t => t.LocationIds.Contains(location.Id))
            .Select(t => new BookableTherapist(t.Id, t.Name, [.. t.Services.Where(policy.Offers).Order(StringComparer.Ordinal)]))
            .Where(t => t.ServiceCodes.Count > 0)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        return new BookableLocation(
            location.Id, location.Name, location.Address, location.TimeZone,
            [.. offered.Select(s => new BookableService(s.Code, s.Name, s.DurationMinutes, s.Price, s.Currency))],
            working, policy.BookAheadDays, policy.MinimumNoticeHours, policy.NewClients, policy.CancellationNoticeHours);
    }
}
