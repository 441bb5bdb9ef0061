using System.Text.Json.Serialization;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice.Locations;

/// <summary>A postal address.</summary>
public sealed record Address(string Line1, string? Line2, string City, string? Region, string PostalCode, string Country);

/// <summary>A clinic of the chain opened.</summary>
public sealed record LocationOpened(Guid LocationId, string Name, Address Address, string TimeZone, IReadOnlyList<WeeklyHours> OpeningHours, DateTimeOffset OpenedAt, string OpenedBy);

/// <summary>A location's weekly opening hours changed.</summary>
public sealed record OpeningHoursChanged(Guid LocationId, string Name, string TimeZone, IReadOnlyList<WeeklyHours> OpeningHours, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>A location will be closed on these local dates (inclusive).</summary>
public sealed record ClosureScheduled(Guid LocationId, Guid ClosureId, DateOnly From, DateOnly To, string Reason, DateTimeOffset ScheduledAt, string ScheduledBy);

/// <summary>A treatment room was added to a location.</summary>
public sealed record RoomAdded(Guid LocationId, Guid RoomId, string Name, DateTimeOffset AddedAt, string AddedBy);

/// <summary>A closure of a location.</summary>
public sealed record Closure(Guid Id, DateOnly From, DateOnly To, string Reason);

/// <summary>A treatment room (one client at a time).</summary>
public sealed record Room(Guid Id, string Name);

/// <summary>The location aggregate: a clinic, its time zone, opening hours, closures and rooms.</summary>
public sealed record Location(
    Guid Id,
    string Name,
    Address Address,
    string TimeZone,
    IReadOnlyList<WeeklyHours> OpeningHours,
    IReadOnlyList<Closure> Closures,
    IReadOnlyList<Room> Rooms,
    long Version) : IEventSourced<Location>
{
    /// <summary>How the shared write path treats a location: managers change the locations they work at.</summary>
    internal static readonly RecordRules<Location> Rules = new() { Noun = "location", Location = location => location.Id };

    [JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsClosedOn(DateOnly date) => Closures.Any(c => c.From <= date && date <= c.To);

    public static Location Create(LocationOpened opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return new Location(opened.LocationId, opened.Name, opened.Address, opened.TimeZone, opened.OpeningHours, [], [], 1);
    }

    public Location Apply(OpeningHoursChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return this with { OpeningHours = changed.OpeningHours };
    }

    public Location Apply(ClosureScheduled closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        return this with { Closures = [.. Closures, new Closure(closure.ClosureId, closure.From, closure.To, closure.Reason)] };
    }

    public Location Apply(RoomAdded added)
    {
        ArgumentNullException.ThrowIfNull(added);
        return this with { Rooms = [.. Rooms, new Room(added.RoomId, added.Name)] };
    }

    /// <summary>The location after any of its events but the first.</summary>
    public Location After(object change) => change switch
    {
        OpeningHoursChanged e => Apply(e),
        ClosureScheduled e => Apply(e),
        RoomAdded e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of an open location.", nameof(change)),
    };
}
