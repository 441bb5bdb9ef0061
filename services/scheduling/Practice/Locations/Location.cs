using System.Text.Json.Serialization;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice.Locations;

/// <summary>A postal address.</summary>
public sealed record Address(string Line1, string? Line2, string City, string? Region, string PostalCode, string Country);

/// <summary>A clinic of the chain opened.</summary>
public sealed record LocationOpened(Guid LocationId, string Name, Address Address, string TimeZone, IReadOnlyList<WeeklyHours> OpeningHours, DateTimeOffset OpenedAt, string OpenedBy);

/// <summary>A location's weekly opening hours changed.</summary>
public sealed record OpeningHoursChanged(Guid LocationId, string Name, string TimeZone, IReadOnlyList<WeeklyHours> OpeningHours, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>A location's name, address or time zone changed (with its opening hours as they stand, for the published location).</summary>
public sealed record LocationDetailsChanged(
    Guid LocationId, string Name, Address Address, string TimeZone, IReadOnlyList<WeeklyHours> OpeningHours, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>A location will be closed on these local dates (inclusive).</summary>
public sealed record ClosureScheduled(Guid LocationId, Guid ClosureId, DateOnly From, DateOnly To, string Reason, DateTimeOffset ScheduledAt, string ScheduledBy);

/// <summary>A closure was shortened to these local dates (inclusive), within the ones it had.</summary>
public sealed record ClosureShortened(Guid LocationId, Guid ClosureId, DateOnly From, DateOnly To, DateTimeOffset ShortenedAt, string ShortenedBy);

/// <summary>A closure (of these dates) was called off: the location opens on them as usual.</summary>
public sealed record ClosureRemoved(Guid LocationId, Guid ClosureId, DateOnly From, DateOnly To, DateTimeOffset RemovedAt, string RemovedBy);

/// <summary>A treatment room was added to a location.</summary>
public sealed record RoomAdded(Guid LocationId, Guid RoomId, string Name, DateTimeOffset AddedAt, string AddedBy);

/// <summary>A treatment room was renamed.</summary>
public sealed record RoomRenamed(Guid LocationId, Guid RoomId, string Name, DateTimeOffset RenamedAt, string RenamedBy);

/// <summary>A treatment room was retired: nothing is booked in it from now on (its upcoming appointments were moved first).</summary>
public sealed record RoomRetired(Guid LocationId, Guid RoomId, DateTimeOffset RetiredAt, string RetiredBy);

/// <summary>
/// What clients may book themselves at a location, online: whether it takes online bookings at all,
/// which services, how far ahead, with how much notice at least, whether clients the chain does not
/// know yet may register and book, and how long before the start a client may still move or cancel
/// online (inside that, only by calling the clinic).
/// </summary>
public sealed record OnlineBookingPolicy(
    bool Open, IReadOnlyList<string> ServiceCodes, int BookAheadDays, int MinimumNoticeHours, bool NewClients, int CancellationNoticeHours)
{
    /// <summary>A location that has never set its policy: no online booking (and, once opened, two months ahead, 12 hours' notice, new clients welcome, 24 hours to cancel).</summary>
    public static OnlineBookingPolicy Closed { get; } = new(false, [], 60, 12, true, 24);

    public const int MaxBookAheadDays = 365;

    public const int MaxNoticeHours = 14 * 24;

    public TimeSpan MinimumNotice => TimeSpan.FromHours(MinimumNoticeHours);

    public TimeSpan CancellationNotice => TimeSpan.FromHours(CancellationNoticeHours);

    /// <summary>Whether clients may book <paramref name="serviceCode"/> here online.</summary>
    public bool Offers(string serviceCode) => Open && ServiceCodes.Contains(serviceCode, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A location's online-booking policy was set (replacing the one it had).</summary>
public sealed record OnlineBookingPolicySet(Guid LocationId, OnlineBookingPolicy Policy, DateTimeOffset SetAt, string SetBy);

/// <summary>A closure of a location.</summary>
public sealed record Closure(Guid Id, DateOnly From, DateOnly To, string Reason);

/// <summary>A treatment room (one client at a time).</summary>
public sealed record Room(Guid Id, string Name);

/// <summary>
/// The location aggregate: a clinic, its time zone, opening hours, closures and rooms (those in use;
/// retired ones are kept apart, so that past appointments still name their room).
/// </summary>
public sealed record Location(
    Guid Id,
    string Name,
    Address Address,
    string TimeZone,
    IReadOnlyList<WeeklyHours> OpeningHours,
    IReadOnlyList<Closure> Closures,
    IReadOnlyList<Room> Rooms,
    long Version,
    IReadOnlyList<Room>? RetiredRooms = null,
    OnlineBookingPolicy? OnlineBooking = null) : IEventSourced<Location>
{
    /// <summary>How the shared write path treats a location: managers change the locations they work at.</summary>
    internal static readonly RecordRules<Location> Rules = new() { Noun = "location", Location = location => location.Id };

    [JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsClosedOn(DateOnly date) => Closures.Any(c => c.From <= date && date <= c.To);

    /// <summary>What clients may book here online (closed until a manager sets it).</summary>
    [JsonIgnore]
    public OnlineBookingPolicy Online => OnlineBooking ?? OnlineBookingPolicy.Closed;

    /// <summary>The name of a room in use or retired, if the location has it.</summary>
    public string? RoomName(Guid roomId) =>
        (Rooms.FirstOrDefault(r => r.Id == roomId) ?? (RetiredRooms ?? []).FirstOrDefault(r => r.Id == roomId))?.Name;

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

    public Location Apply(LocationDetailsChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return this with { Name = changed.Name, Address = changed.Address, TimeZone = changed.TimeZone };
    }

    public Location Apply(ClosureScheduled closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        return this with { Closures = [.. Closures, new Closure(closure.ClosureId, closure.From, closure.To, closure.Reason)] };
    }

    public Location Apply(ClosureShortened shortened)
    {
        ArgumentNullException.ThrowIfNull(shortened);
        return this with { Closures = [.. Closures.Select(c => c.Id == shortened.ClosureId ? c with { From = shortened.From, To = shortened.To } : c)] };
    }

    public Location Apply(ClosureRemoved removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return this with { Closures = [.. Closures.Where(c => c.Id != removed.ClosureId)] };
    }

    public Location Apply(RoomAdded added)
    {
        ArgumentNullException.ThrowIfNull(added);
        return this with { Rooms = [.. Rooms, new Room(added.RoomId, added.Name)] };
    }

    public Location Apply(RoomRenamed renamed)
    {
        ArgumentNullException.ThrowIfNull(renamed);
        return this with { Rooms = [.. Rooms.Select(r => r.Id == renamed.RoomId ? r with { Name = renamed.Name } : r)] };
    }

    public Location Apply(RoomRetired retired)
    {
        ArgumentNullException.ThrowIfNull(retired);
        return this with
        {
            Rooms = [.. Rooms.Where(r => r.Id != retired.RoomId)],
            RetiredRooms = [.. RetiredRooms ?? [], .. Rooms.Where(r => r.Id == retired.RoomId)],
        };
    }

    public Location Apply(OnlineBookingPolicySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return this with { OnlineBooking = set.Policy };
    }

    /// <summary>The location after any of its events but the first.</summary>
    public Location After(object change) => change switch
    {
        OpeningHoursChanged e => Apply(e),
        LocationDetailsChanged e => Apply(e),
        ClosureScheduled e => Apply(e),
        ClosureShortened e => Apply(e),
        ClosureRemoved e => Apply(e),
        RoomAdded e => Apply(e),
        RoomRenamed e => Apply(e),
        RoomRetired e => Apply(e),
        OnlineBookingPolicySet e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of an open location.", nameof(change)),
    };
}
