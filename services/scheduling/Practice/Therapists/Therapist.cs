using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice.Therapists;

/// <summary>A therapist joined the chain, offering these services.</summary>
public sealed record TherapistRegistered(Guid TherapistId, string Name, string? UserId, IReadOnlyList<string> Services, DateTimeOffset RegisteredAt, string RegisteredBy);

/// <summary>The services a therapist offers changed.</summary>
public sealed record TherapistServicesChanged(Guid TherapistId, IReadOnlyList<string> Services, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>The staff account that is this therapist was linked, changed, or (null) unlinked.</summary>
public sealed record TherapistAccountLinked(Guid TherapistId, string? UserId, DateTimeOffset LinkedAt, string LinkedBy);

/// <summary>
/// A therapist's weekly hours at a location were set (an empty week: no longer works there). When
/// <paramref name="Returns"/>, the therapist had left the location and works there again from now on.
/// </summary>
public sealed record WorkingHoursSet(Guid TherapistId, Guid LocationId, IReadOnlyList<WeeklyHours> Hours, DateTimeOffset SetAt, string SetBy, bool Returns = false);

/// <summary>
/// A therapist leaves a location: <paramref name="LeavesOn"/> (a local day of the location) is the first
/// day they no longer work there. Their appointments there from that day are kept, to be reassigned.
/// </summary>
public sealed record TherapistLeavingPlanned(Guid TherapistId, Guid LocationId, DateOnly LeavesOn, DateTimeOffset SetAt, string SetBy);

/// <summary>The therapist's leaving of a location (on <paramref name="LeavesOn"/>) was called off before that day: they stay.</summary>
public sealed record TherapistLeavingCalledOff(Guid TherapistId, Guid LocationId, DateOnly LeavesOn, DateTimeOffset CalledOffAt, string CalledOffBy);

/// <summary>A therapist will be away.</summary>
public sealed record TimeOffBooked(Guid TherapistId, Guid TimeOffId, DateTimeOffset From, DateTimeOffset To, string Reason, DateTimeOffset BookedAt, string BookedBy);

/// <summary>Time off was shortened to a span within the one it had.</summary>
public sealed record TimeOffShortened(Guid TherapistId, Guid TimeOffId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset ShortenedAt, string ShortenedBy);

/// <summary>Time off (of this span) was called off: the therapist works their usual hours then.</summary>
public sealed record TimeOffRemoved(Guid TherapistId, Guid TimeOffId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset RemovedAt, string RemovedBy);

/// <summary>A period away.</summary>
public sealed record TimeOff(Guid Id, DateTimeOffset From, DateTimeOffset To, string Reason);

/// <summary>The hours a therapist works at one location, and the first local day they no longer do, when they are leaving it.</summary>
public sealed record LocationHours(Guid LocationId, IReadOnlyList<WeeklyHours> Hours, DateOnly? LeavesOn = null);

/// <summary>The therapist aggregate: services offered, weekly hours per location, time off.</summary>
public sealed record Therapist(
    Guid Id,
    string Name,
    string? UserId,
    IReadOnlyList<string> Services,
    IReadOnlyList<LocationHours> Locations,
    IReadOnlyList<TimeOff> TimeOff,
    long Version) : IEventSourced<Therapist>
{
    /// <summary>
    /// How the shared write path treats a therapist. Time off and the services offered hold at every
    /// location the therapist works at, so a manager changes them only when they manage every one of
    /// those locations (an operations admin always); a therapist with no hours anywhere yet is any
    /// manager's to set up. Hours are per location: see <see cref="MaySetHoursAt"/>.
    /// </summary>
    internal static readonly RecordRules<Therapist> Rules = new()
    {
        Noun = "therapist",
        Location = therapist => therapist.LocationIds.Count == 1 ? therapist.LocationIds[0] : null,
        MayChange = (therapist, user) => user.SeesAllLocations || therapist.LocationIds.All(user.CanAccess),
        Refusal = "The therapist also works at a location you do not manage: ask an operations admin.",
    };

    /// <summary>
    /// Whether <paramref name="user"/> (who manages <paramref name="locationId"/>) may set the therapist's
    /// week there: when the therapist already works there, or works nowhere the user does not manage.
    /// Taking on another location's therapist is for an operations admin, so that no manager changes
    /// the availability of staff they do not manage.
    /// </summary>
    internal bool MaySetHoursAt(Guid locationId, CurrentUser user) =>
        user.SeesAllLocations || LocationIds.Contains(locationId) || LocationIds.All(user.CanAccess);

    /// <summary>The locations the therapist works at (with hours).</summary>
    public IReadOnlyList<Guid> LocationIds => Locations.Where(l => l.Hours.Count > 0).Select(l => l.LocationId).ToList();

    public IReadOnlyList<WeeklyHours> HoursAt(Guid locationId) => At(locationId)?.Hours ?? [];

    /// <summary>The first local day the therapist no longer works at the location, when they are leaving (or have left) it.</summary>
    public DateOnly? LeavesOn(Guid locationId) => At(locationId)?.LeavesOn;

    /// <summary>Whether the therapist still works at the location on the local <paramref name="date"/> (has hours there and has not left by then).</summary>
    public bool WorksAtOn(Guid locationId, DateOnly date) =>
        At(locationId) is { Hours.Count: > 0 } here && (here.LeavesOn is not { } leaves || date < leaves);

    /// <summary>The weekly hours at the location that hold on the local <paramref name="date"/>: none from the day the therapist leaves it.</summary>
    public IReadOnlyList<WeeklyHours> HoursOn(Guid locationId, DateOnly date) => WorksAtOn(locationId, date) ? HoursAt(locationId) : [];

    private LocationHours? At(Guid locationId) => Locations.FirstOrDefault(l => l.LocationId == locationId);

    public static Therapist Create(TherapistRegistered registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        return new Therapist(registered.TherapistId, registered.Name, registered.UserId, registered.Services, [], [], 1);
    }

    public Therapist Apply(TherapistServicesChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return this with { Services = changed.Services };
    }

    public Therapist Apply(WorkingHoursSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var leavesOn = set.Returns ? null : LeavesOn(set.LocationId);
        return this with { Locations = [.. Locations.Where(l => l.LocationId != set.LocationId), new LocationHours(set.LocationId, set.Hours, leavesOn)] };
    }

    public Therapist Apply(TherapistLeavingPlanned leaving)
    {
        ArgumentNullException.ThrowIfNull(leaving);
        return this with { Locations = [.. Locations.Select(l => l.LocationId == leaving.LocationId ? l with { LeavesOn = leaving.LeavesOn } : l)] };
    }

    public Therapist Apply(TherapistLeavingCalledOff calledOff)
    {
        ArgumentNullException.ThrowIfNull(calledOff);
        return this with { Locations = [.. Locations.Select(l => l.LocationId == calledOff.LocationId ? l with { LeavesOn = null } : l)] };
    }

    public Therapist Apply(TherapistAccountLinked linked)
    {
        ArgumentNullException.ThrowIfNull(linked);
        return this with { UserId = linked.UserId };
    }

    public Therapist Apply(TimeOffShortened shortened)
    {
        ArgumentNullException.ThrowIfNull(shortened);
        return this with { TimeOff = [.. TimeOff.Select(t => t.Id == shortened.TimeOffId ? t with { From = shortened.From, To = shortened.To } : t)] };
    }

    public Therapist Apply(TimeOffRemoved removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return this with { TimeOff = [.. TimeOff.Where(t => t.Id != removed.TimeOffId)] };
    }

    public Therapist Apply(TimeOffBooked booked)
    {
        ArgumentNullException.ThrowIfNull(booked);
        return this with { TimeOff = [.. TimeOff, new TimeOff(booked.TimeOffId, booked.From, booked.To, booked.Reason)] };
    }

    /// <summary>The therapist after any of their events but the first.</summary>
    public Therapist After(object change) => change switch
    {
        TherapistServicesChanged e => Apply(e),
        WorkingHoursSet e => Apply(e),
        TimeOffBooked e => Apply(e),
        TimeOffShortened e => Apply(e),
        TimeOffRemoved e => Apply(e),
        TherapistAccountLinked e => Apply(e),
        TherapistLeavingPlanned e => Apply(e),
        TherapistLeavingCalledOff e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a registered therapist.", nameof(change)),
    };
}
