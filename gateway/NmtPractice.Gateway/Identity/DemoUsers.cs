using NmtPractice.Contracts.Security;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// The demo chain's staff: a front desk, a therapist and a manager at each of three locations, one
/// therapist who also manages another location, and one operations admin. Seeded only when
/// <c>Identity:DemoUsers:Password</c> is set.
/// </summary>
public static class DemoUsers
{
    public static readonly Guid BackBay = Guid.Parse("0194f3a0-0000-7000-8000-00000000a001");
    public static readonly Guid Cambridge = Guid.Parse("0194f3a0-0000-7000-8000-00000000a002");
    public static readonly Guid ChicagoLoop = Guid.Parse("0194f3a0-0000-7000-8000-00000000a003");

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("0194f3a0-0000-7000-8000-000000000a01", "frontdesk.backbay", "Dana Reyes", NmtRoles.FrontDesk, [BackBay]),
        new("0194f3a0-0000-7000-8000-000000000a02", "therapist.backbay", "Sam Whitaker", NmtRoles.Therapist, [BackBay]),
        new("0194f3a0-0000-7000-8000-000000000a03", "manager.backbay", "Priya Nair", NmtRoles.ClinicManager, [BackBay]),
        new("0194f3a0-0000-7000-8000-000000000a04", "frontdesk.cambridge", "Leo Martins", NmtRoles.FrontDesk, [Cambridge]),
        new("0194f3a0-0000-7000-8000-000000000a05", "therapist.cambridge", "Ava Brennan", NmtRoles.Therapist, [Cambridge]),
        new("0194f3a0-0000-7000-8000-000000000a06", "manager.cambridge", "Tom Okafor", NmtRoles.ClinicManager, [Cambridge]),
        new("0194f3a0-0000-7000-8000-000000000a07", "frontdesk.chicago", "Maya Chen", NmtRoles.FrontDesk, [ChicagoLoop]),
        new("0194f3a0-0000-7000-8000-000000000a08", "therapist.chicago", "Luis Ortega", NmtRoles.Therapist, [ChicagoLoop]),
        new("0194f3a0-0000-7000-8000-000000000a09", "manager.chicago", "Grace Kim", NmtRoles.ClinicManager, [ChicagoLoop]),
        new("0194f3a0-0000-7000-8000-000000000a10", "ops.admin", "Morgan Lee", NmtRoles.OperationsAdmin, []),
        new("0194f3a0-0000-7000-8000-000000000a11", "therapist.manager", "Jordan Avery", NmtRoles.Therapist, [BackBay])
        {
            Also = [new LocationRole(Cambridge, NmtRoles.ClinicManager)],
        },
    ];
}

/// <summary>A demo staff member in <paramref name="Role"/> at <paramref name="Locations"/> (and <see cref="Also"/>); the fixed id lets the demo data link the therapists' records to their accounts.</summary>
public sealed record DemoUser(string Id, string UserName, string DisplayName, string Role, IReadOnlyList<Guid> Locations)
{
    /// <summary>Roles held at other locations.</summary>
    public IReadOnlyList<LocationRole> Also { get; init; } = [];

    /// <summary>Chain-wide roles.</summary>
    public List<string> ChainRoles => NmtRoles.ChainWide.Contains(Role) ? [Role] : [];

    /// <summary>Every role held at a location, as stored.</summary>
    public List<string> LocationRoles =>
        [.. Locations.Where(_ => NmtRoles.AtALocation.Contains(Role)).Select(location => new LocationRole(location, Role)).Concat(Also).Select(grant => grant.ToString())];
}
