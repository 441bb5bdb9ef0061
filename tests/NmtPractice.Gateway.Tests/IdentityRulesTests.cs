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
    public void A_users_token_carries_subject_name_roles_locations_and_the_api_audience()
    {
        var location = Guid.NewGuid();
        var user = new NmtUser { Id = "user-1", DisplayName = "Dana Reyes", Roles = [NmtRoles.FrontDesk], Locations = [location] };

        var identity = TokenClaims.ForUser(user, [Scopes.OpenId, Scopes.Profile, NmtClaims.ApiScope]);

        Assert.Equal("user-1", identity.GetClaim(Claims.Subject));
        Assert.Equal("Dana Reyes", identity.GetClaim(Claims.Name));
        Assert.Equal([NmtRoles.FrontDesk], identity.GetClaims(Claims.Role));
        Assert.Equal([location.ToString()], identity.GetClaims(NmtClaims.Location));
        Assert.Equal([NmtClaims.ApiAudience], identity.GetResources());
    }

    [Fact]
    public void Roles_the_system_does_not_know_never_reach_a_token()
    {
        var user = new NmtUser { Id = "user-2", DisplayName = "X", Roles = [NmtRoles.Therapist, "superuser"] };

        var identity = TokenClaims.ForUser(user, [NmtClaims.ApiScope]);

        Assert.Equal([NmtRoles.Therapist], identity.GetClaims(Claims.Role));
    }

    [Fact]
    public void Without_the_api_scope_a_token_names_no_api_audience()
    {
        var user = new NmtUser { Id = "user-3", DisplayName = "X", Roles = [NmtRoles.Therapist] };

        var identity = TokenClaims.ForUser(user, [Scopes.OpenId]);

        Assert.Empty(identity.GetResources());
    }
}
