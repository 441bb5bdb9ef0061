using NmtPractice.Contracts.Security;
using NmtPractice.Gateway.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NmtPractice.Gateway.Tests;

public sealed class IdentityRulesTests
{
    [Theory]
    [InlineData("/connect/authorize?client_id=nmt-web", "/connect/authorize?client_id=nmt-web")]
    [InlineData("https://evil.example/steal", "/")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/app/\u0000", "/")]
    [InlineData("/app/ x", "/")]
    [InlineData("/app\\..\\evil", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void The_login_page_only_returns_to_local_urls(string? returnUrl, string expected) =>
        Assert.Equal(expected, LoginPage.SafeReturnUrl(returnUrl));

    [Fact]
    public void A_users_token_carries_subject_name_roles_per_location_and_the_api_audience()
    {
        var here = Guid.NewGuid();
        var there = Guid.NewGuid();
        var user = new NmtUser
        {
            Id = "user-1",
            DisplayName = "Dana Reyes",
            LocationRoles = [new LocationRole(here, NmtRoles.FrontDesk).ToString(), new LocationRole(there, NmtRoles.ClinicManager).ToString()],
        };

        var identity = TokenClaims.ForUser(user, [Scopes.OpenId, Scopes.Profile, NmtClaims.ApiScope]);

        Assert.Equal("user-1", identity.GetClaim(Claims.Subject));
        Assert.Equal("Dana Reyes", identity.GetClaim(Claims.Name));
        Assert.Equal([$"{here}:front-desk", $"{there}:clinic-manager"], identity.GetClaims(NmtClaims.LocationRole));
        Assert.Equal([NmtRoles.FrontDesk, NmtRoles.ClinicManager], identity.GetClaims(Claims.Role));
        Assert.Equal([here.ToString(), there.ToString()], identity.GetClaims(NmtClaims.Location));
        Assert.Equal([NmtClaims.ApiAudience], identity.GetResources());
    }

    [Fact]
    public void A_users_access_token_says_to_the_millisecond_when_it_was_issued()
    {
        var issued = new DateTimeOffset(2026, 12, 7, 9, 30, 15, 437, TimeSpan.Zero);
        var user = new NmtUser { Id = "user-4", DisplayName = "X", LocationRoles = [$"{Guid.NewGuid()}:therapist"] };

        var identity = TokenClaims.ForUser(user, [NmtClaims.ApiScope], issued);

        var claim = identity.FindFirst(TokenClaims.IssuedAt)!;
        Assert.Equal("1796635815437", claim.Value);
        Assert.Equal([Destinations.AccessToken], claim.GetDestinations());
    }

    [Fact]
    public void Roles_the_system_does_not_know_never_reach_a_token()
    {
        var location = Guid.NewGuid();
        var user = new NmtUser
        {
            Id = "user-2",
            DisplayName = "X",
            Roles = [NmtRoles.OperationsAdmin, "superuser", NmtRoles.Therapist],
            LocationRoles = [new LocationRole(location, NmtRoles.Therapist).ToString(), $"{location}:superuser", $"{location}:operations-admin", "garbage"],
        };

        var identity = TokenClaims.ForUser(user, [NmtClaims.ApiScope]);

        // Operations admin is chain-wide only; a location role is only one of the roles held at a location.
        Assert.Equal([NmtRoles.OperationsAdmin, NmtRoles.Therapist], identity.GetClaims(Claims.Role));
        Assert.Equal([$"{location}:therapist"], identity.GetClaims(NmtClaims.LocationRole));
    }

    [Fact]
    public void A_service_account_holds_each_of_its_roles_at_each_of_its_locations()
    {
        var location = Guid.NewGuid();
        var account = new ServiceAccountOptions { Roles = [NmtRoles.FrontDesk, NmtRoles.ClinicManager], Locations = [location] };

        var identity = TokenClaims.ForServiceAccount("importer", account, [NmtClaims.ApiScope]);

        Assert.Equal([$"{location}:front-desk", $"{location}:clinic-manager"], identity.GetClaims(NmtClaims.LocationRole));

        // With no locations, an operations-admin loader keeps its other roles for the endpoints that ask for them.
        var loader = TokenClaims.ForServiceAccount("nmt-demo-data", new ServiceAccountOptions { Roles = [NmtRoles.OperationsAdmin, NmtRoles.FrontDesk] }, [NmtClaims.ApiScope]);
        Assert.Equal([NmtRoles.OperationsAdmin, NmtRoles.FrontDesk], loader.GetClaims(Claims.Role));
        Assert.Empty(loader.GetClaims(NmtClaims.LocationRole));
    }

    [Fact]
    public void Without_the_api_scope_a_token_names_no_api_audience()
    {
        var user = new NmtUser { Id = "user-3", DisplayName = "X", LocationRoles = [$"{Guid.NewGuid()}:therapist"] };

        var identity = TokenClaims.ForUser(user, [Scopes.OpenId]);

        Assert.Empty(identity.GetResources());
    }
}
