using System.Security.Claims;
using NmtPractice.Contracts.Security;
using NmtPractice.Web.Api;

namespace NmtPractice.Web.Session;

/// <summary>
/// The location the user is working at in this browser tab, chosen from the locations their
/// token names (all of them for operations admins). One per circuit.
/// </summary>
internal sealed class WorkingLocation(GatewayApi api, TimeProvider time)
{
    private IReadOnlyList<LocationView>? _choices;
    private IReadOnlyList<LocationView> _all = [];
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LocationView? Current { get; private set; }

    private IReadOnlyList<LocationRole> _grants = [];
    private bool _chainWide;

    public IReadOnlyList<LocationView> Choices => _choices ?? [];

    public event Action? Changed;

    /// <summary>Completes once the locations are loaded: the header's search, typed into at once, waits for it.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Loads the locations the user may pick from, once.</summary>
    public async Task LoadAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_choices is not null)
        {
            return;
        }

        try
        {
            _grants = LocationRole.Of(user);
            _chainWide = user.IsInRole(NmtRoles.OperationsAdmin);
            var all = await api.GetAsync<List<LocationView>>("api/scheduling/locations");
            var mine = user.FindAll(NmtClaims.Location).Select(claim => claim.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var seesAll = user.IsInRole(NmtRoles.OperationsAdmin);
            _all = all.Value ?? [];
            _choices = [.. _all.Where(location => seesAll || mine.Contains(location.Id.ToString()))];
            Current ??= _choices.Count > 0 ? _choices[0] : null;
        }
        finally
        {
            _loaded.TrySetResult();
        }
    }

    /// <summary>Whether the user holds any of <paramref name="roles"/> at the working location (operations admins hold theirs everywhere).</summary>
    public bool HoldsHere(params string[] roles) => Current is { } location && HoldsAt(location.Id, roles);

    /// <summary>Whether the user holds any of <paramref name="roles"/> at <paramref name="locationId"/>.</summary>
    public bool HoldsAt(Guid locationId, params string[] roles) =>
        roles.Any(role => (role == NmtRoles.OperationsAdmin && _chainWide) || _grants.Contains(new LocationRole(locationId, role)));

    /// <summary>The roles the user holds at the working location, as the header shows them.</summary>
    public IReadOnlyList<string> RolesHere =>
        [.. NmtRoles.All.Where(role => HoldsHere(role))];

    /// <summary>Any location of the chain's name (a client registered elsewhere says where).</summary>
    public string NameOf(Guid locationId) => _all.FirstOrDefault(location => location.Id == locationId)?.Name ?? "another location";

    /// <summary>The working location's time zone (UTC before one is known).</summary>
    public TimeZoneInfo Zone => Current is { } location && TimeZoneInfo.TryFindSystemTimeZoneById(location.TimeZone, out var found) ? found : TimeZoneInfo.Utc;

    /// <summary>Today at the working location (its own time zone; UTC before one is known).</summary>
    public DateOnly Today() => DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime);

    /// <summary>An instant as the clock at the working location shows it.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public void Choose(Guid locationId)
    {
        Current = Choices.FirstOrDefault(location => location.Id == locationId) ?? Current;
        Changed?.Invoke();
    }
}
