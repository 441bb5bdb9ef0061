using NmtPractice.Contracts.Security;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// The demo chain's staff: a front desk, a therapist and a manager at each of three locations, and
/// one operations admin. Seeded only when <c>Identity:DemoUsers:Password</c> is set.
/// </summary>
public static class DemoUsers
{
    public static readonly Guid BackBay = Guid.Parse("0194f3a0-0000-7000-8000-00000000a001");
    public static readonly Guid Cambridge = Guid.Parse("0194f3a0-0000-7000-8000-00000000a002");
    public static readonly Guid ChicagoLoop = Guid.Parse("0194f3a0-0000-7000-8000-00000000a003");

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("frontdesk.backbay", "Dana Reyes", NmtRoles.FrontDesk, [BackBay]),
        new("therapist.backbay", "Sam Whitaker", NmtRoles.Therapist, [BackBay]),
        new("manager.backbay", "Priya Nair", NmtRoles.ClinicManager, [BackBay]),
        new("frontdesk.cambridge", "Leo Martins", NmtRoles.FrontDesk, [Cambridge]),
        new("therapist.cambridge", "Ava Brennan", NmtRoles.Therapist, [Cambridge]),
        new("manager.cambridge", "Tom Okafor", NmtRoles.ClinicManager, [Cambridge]),
        new("frontdesk.chicago", "Maya Chen", NmtRoles.FrontDesk, [ChicagoLoop]),
        new("therapist.chicago", "Luis Ortega", NmtRoles.Therapist, [ChicagoLoop]),
        new("manager.chicago", "Grace Kim", NmtRoles.ClinicManager, [ChicagoLoop]),
        new("ops.admin", "Morgan Lee", NmtRoles.OperationsAdmin, []),
    ];
}

public sealed record DemoUser(string UserName, string DisplayName, string Role, IReadOnlyList<Guid> Locations);
