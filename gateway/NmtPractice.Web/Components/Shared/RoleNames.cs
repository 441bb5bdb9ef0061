using NmtPractice.Contracts.Security;

namespace NmtPractice.Web.Components.Shared;

/// <summary>Roles as staff call them.</summary>
internal static class RoleNames
{
    public static string Of(string role) => role switch
    {
        NmtRoles.FrontDesk => "front desk",
        NmtRoles.Therapist => "therapist",
        NmtRoles.ClinicManager => "clinic manager",
        NmtRoles.OperationsAdmin => "operations",
        var other => other,
    };
}
