using NmtPractice.Contracts.Scheduling;
using NmtPractice.ServiceDefaults.Writing;

namespace NmtPractice.Scheduling.Practice.Locations;

/// <summary>A location as the API shows it: address, time zone, opening hours, closures, rooms and the version (the ETag).</summary>
public sealed record LocationResponse(
    Guid Id,
    string Name,
    Address Address,
    string TimeZone,
    IReadOnlyList<WeeklyHours> OpeningHours,
    IReadOnlyList<Closure> Closures,
    IReadOnlyList<Room> Rooms,
    long Version)
{
    public static LocationResponse From(Location location, long? version = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new(location.Id, location.Name, location.Address, location.TimeZone, location.OpeningHours, location.Closures, location.Rooms, version ?? location.Version);
    }

    public static LocationResponse From(Written<Location> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        return From(written.State, written.Version);
    }
}
