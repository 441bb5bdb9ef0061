namespace NmtPractice.OutcomeReporting.Dashboards;

/// <summary>
/// The filters every dashboard view takes: a date range of local days, locations and therapists.
/// Without a location filter a clinic manager sees the locations they manage; asking for another
/// location is 403.
/// </summary>
/// <param name="From">First day (inclusive).</param>
/// <param name="To">Last day (inclusive).</param>
/// <param name="Locations">The locations to report on; null for every location (operations admins only).</param>
/// <param name="Therapists">The therapists to report on; empty for all.</param>
public sealed record DashboardFilter(DateOnly From, DateOnly To, IReadOnlySet<Guid>? Locations, IReadOnlySet<Guid> Therapists)
{
    public const int MaxDays = 366;

    public static DashboardFilter Create(DateOnly? from, DateOnly? to, Guid[]? locationId, Guid[]? therapistId, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (from is null)
        {
            errors["from"] = ["Required: the first day, yyyy-MM-dd."];
        }

        if (to is null)
        {
            errors["to"] = ["Required: the last day, yyyy-MM-dd."];
        }
        else if (from is not null && to < from)
        {
            errors["to"] = ["'to' must not be before 'from'."];
        }
        else if (from is not null && to.Value.DayNumber - from.Value.DayNumber >= MaxDays)
        {
            errors["to"] = [$"The range may span at most {MaxDays} days."];
        }

        if (locationId?.Contains(Guid.Empty) == true)
        {
            errors["locationId"] = ["Location ids must not be empty."];
        }

        if (therapistId?.Contains(Guid.Empty) == true)
        {
            errors["therapistId"] = ["Therapist ids must not be empty."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        IReadOnlySet<Guid>? locations;
        if (locationId is { Length: > 0 })
        {
            foreach (var location in locationId)
            {
                user.EnsureCanAccess(location);
            }

            locations = locationId.ToHashSet();
        }
        else
        {
            locations = user.SeesAllLocations ? null : user.Locations;
        }

        return new DashboardFilter(from!.Value, to!.Value, locations, (therapistId ?? []).ToHashSet());
    }

    public bool Includes(Guid locationId) => Locations is null || Locations.Contains(locationId);

    public bool IncludesTherapist(Guid? therapistId) => Therapists.Count == 0 || (therapistId is { } id && Therapists.Contains(id));

    public Guid[] LocationArray => Locations?.ToArray() ?? [];
}
