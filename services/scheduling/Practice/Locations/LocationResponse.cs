using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice.Locations;

/// <summary>A location as the API shows it: address, time zone, opening hours, closures, rooms, its online-booking policy and the version (the ETag).</summary>
public sealed record LocationResponse(
    Guid Id,
    string Name,
    Address Address,
    string TimeZone,
    IReadOnlyList<WeeklyHours> OpeningHours,
    IReadOnlyList<Closure> Closures,
    IReadOnlyList<Room> Rooms,
    OnlineBookingPolicy OnlineBooking,
    long Version)
{
    internal static LocationResponse From(Location location, long version) =>
        new(location.Id, location.Name, location.Address, location.TimeZone, location.OpeningHours, location.Closures, location.Rooms, location.Online, version);
}
