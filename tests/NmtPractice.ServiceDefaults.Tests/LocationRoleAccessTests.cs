using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults.Tests;

/// <summary>
/// Roles are held per location: at a location, only a role the endpoint allows and the caller holds
/// there opens its objects. A token without per-location roles holds each role at each location.
/// </summary>
public sealed class LocationRoleAccessTests
{
    private static readonly Guid BackBay = Guid.Parse("0194f3a0-0000-7000-8000-00000000a001");
    private static readonly Guid Cambridge = Guid.Parse("0194f3a0-0000-7000-8000-00000000a002");
    private static readonly Guid Chicago = Guid.Parse("0194f3a0-0000-7000-8000-00000000a003");

    [Fact]
    public void A_therapist_here_and_manager_there_reaches_each_location_only_through_the_role_she_holds_there()
    {
        var user = UserOf(
            [NmtRoles.Therapist, NmtRoles.ClinicManager],
            [new LocationRole(BackBay, NmtRoles.Therapist), new LocationRole(Cambridge, NmtRoles.ClinicManager)]);

        var managersOnly = user(NmtRoleSets.Managers);
        Assert.False(managersOnly.CanAccess(BackBay));
        Assert.True(managersOnly.CanAccess(Cambridge));
        Assert.Equal([Cambridge], managersOnly.Locations);
        var refusal = Assert.Throws<ForbiddenException>(() => managersOnly.EnsureCanAccess(BackBay));
        Assert.Equal(BackBay, refusal.LocationId);

        var cliniciansOnly = user([NmtRoles.Therapist]);
        Assert.True(cliniciansOnly.CanAccess(BackBay));
        Assert.False(cliniciansOnly.CanAccess(Cambridge));

        var everyone = user(NmtRoleSets.AllStaff);
        Assert.Equal(new HashSet<Guid> { BackBay, Cambridge }, everyone.Locations);
        Assert.False(everyone.CanAccess(Chicago));
    }

    [Fact]
    public void Without_a_role_list_on_the_endpoint_every_role_held_counts()
    {
        var user = UserOf([NmtRoles.FrontDesk], [new LocationRole(Chicago, NmtRoles.FrontDesk)])(null);

        Assert.True(user.CanAccess(Chicago));
        Assert.False(user.CanAccess(BackBay));
    }

    [Fact]
    public void A_role_at_a_location_is_asked_of_that_location_only()
    {
        var user = UserOf(
            [NmtRoles.Therapist, NmtRoles.ClinicManager],
            [new LocationRole(BackBay, NmtRoles.Therapist), new LocationRole(Cambridge, NmtRoles.ClinicManager)])(null);

        Assert.True(user.IsInRoleAt(NmtRoles.ClinicManager, Cambridge));
        Assert.False(user.IsInRoleAt(NmtRoles.ClinicManager, BackBay));
        Assert.True(user.IsInRoleAt(NmtRoles.Therapist, BackBay));
        Assert.True(user.IsInAnyRole(NmtRoles.ClinicManager));
    }

    [Fact]
    public void An_operations_admin_holds_her_role_at_every_location()
    {
        var admin = UserOf([NmtRoles.OperationsAdmin], [])(NmtRoleSets.Managers);

        Assert.True(admin.SeesAllLocations);
        Assert.True(admin.CanAccess(Chicago));
        Assert.True(admin.IsInRoleAt(NmtRoles.OperationsAdmin, Chicago));
        Assert.False(admin.IsInRoleAt(NmtRoles.ClinicManager, Chicago));
    }

    [Fact]
    public void A_token_without_roles_per_location_holds_each_role_at_each_location_it_names()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(NmtClaims.Subject, "importer"),
            new Claim(NmtClaims.Role, NmtRoles.FrontDesk),
            new Claim(NmtClaims.Role, NmtRoles.Therapist),
            new Claim(NmtClaims.Location, BackBay.ToString()),
            new Claim(NmtClaims.Location, Chicago.ToString()),
        ], "test"));
        var user = For(principal, [NmtRoles.Therapist]);

        Assert.Equal(4, user.Grants.Count);
        Assert.True(user.CanAccess(Chicago));
        Assert.True(user.IsInRoleAt(NmtRoles.FrontDesk, BackBay));
    }

    [Theory]
    [InlineData("not-a-guid:therapist")]
    [InlineData("00000000-0000-0000-0000-000000000000:therapist")]
    [InlineData("0194f3a0-0000-7000-8000-00000000a001:operations-admin")]
    [InlineData("0194f3a0-0000-7000-8000-00000000a001:janitor")]
    [InlineData("0194f3a0-0000-7000-8000-00000000a001")]
    [InlineData(":therapist")]
    public void A_malformed_location_role_grants_nothing(string value)
    {
        Assert.False(LocationRole.TryParse(value, out _));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(NmtClaims.Subject, "someone"),
            new Claim(NmtClaims.Role, NmtRoles.Therapist),
            new Claim(NmtClaims.Location, BackBay.ToString()),
            new Claim(NmtClaims.LocationRole, value),
        ], "test"));

        // Per-location claims are present, so the plain role and location claims do not combine into access.
        Assert.False(For(principal, [NmtRoles.Therapist]).CanAccess(BackBay));
    }

    [Fact]
    public void A_location_role_reads_back_from_its_claim_value()
    {
        var grant = new LocationRole(Cambridge, NmtRoles.ClinicManager);

        Assert.True(LocationRole.TryParse(grant.ToString(), out var read));
        Assert.Equal(grant, read);
    }

    private static Func<IReadOnlyList<string>?, CurrentUser> UserOf(string[] roles, LocationRole[] grants)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(NmtClaims.Subject, "user-1"),
            .. roles.Select(role => new Claim(NmtClaims.Role, role)),
            .. grants.Select(grant => new Claim(NmtClaims.Location, grant.LocationId.ToString())).DistinctBy(claim => claim.Value),
            .. grants.Select(grant => new Claim(NmtClaims.LocationRole, grant.ToString())),
        ], "test"));
        return allowed => For(principal, allowed);
    }

    private static CurrentUser For(ClaimsPrincipal principal, IReadOnlyList<string>? allowed)
    {
        var context = new DefaultHttpContext { User = principal };
        var metadata = allowed is null ? new EndpointMetadataCollection() : new EndpointMetadataCollection(new AllowedRoles(allowed));
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "test"));
        return new CurrentUser(new HttpContextAccessor { HttpContext = context });
    }
}
