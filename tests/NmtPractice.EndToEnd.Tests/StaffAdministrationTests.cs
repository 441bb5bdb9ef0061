using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Staff accounts through the real gateway and services: an invitation's one-time link sets a
/// password under the NIST policy; the person signs in with exactly the roles given, per location;
/// deactivation shuts every service to them within a minute; a forced reset ends their sessions;
/// roles change only with the version read and only where the manager manages; every change audited.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class StaffAdministrationTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One read-only endpoint of each service, to show who it still answers.</summary>
    private static readonly string[] OneEndpointPerService =
    [
        "api/scheduling/locations",
        "api/intake/questionnaire",
        $"api/treatments/clients/{Guid.NewGuid()}/sessions",
        $"api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-31&locationId={E2EPractice.Cambridge}",
        "api/staff",
    ];

    [Fact]
    public async Task An_invited_therapist_sets_her_password_once_and_signs_in_with_exactly_the_roles_given_at_each_location()
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        var email = UniqueEmail("ines");
        using var invited = await admin.PostAsJsonAsync("api/staff/invitations", new
        {
            email,
            displayName = "Ines Moreau",
            roles = new object[]
            {
                new { locationId = E2EPractice.BackBay, role = "therapist" },
                new { locationId = E2EPractice.Cambridge, role = "clinic-manager" },
            },
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var id = invitation.GetProperty("member").GetProperty("id").GetString()!;
        Assert.Equal("Invited", invitation.GetProperty("member").GetProperty("status").GetString());
        var link = new Uri(invitation.GetProperty("link").GetString()!);
        Assert.DoesNotContain(email, link.ToString(), StringComparison.OrdinalIgnoreCase);

        // Before the password is set, nobody signs in as her.
        Assert.Equal(HttpStatusCode.Unauthorized, (await OidcSignIn.LoginAttemptAsync(system.Gateway.BaseAddress, email, "anything at all here")).Status);

        // The policy speaks before the link is spent: too short, then a common password, then her own name.
        var tooShort = await SetPasswordAsync(link, "short one");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.Status);
        Assert.Contains("at least 15 characters", tooShort.Html, StringComparison.Ordinal);
        var common = await SetPasswordAsync(link, "123456789012345");
        Assert.Contains("too common or too easy to guess", common.Html, StringComparison.Ordinal);
        var named = await SetPasswordAsync(link, "moreau forever and ever");
        Assert.Contains("Do not build the password from your name", named.Html, StringComparison.Ordinal);

        const string password = "lantern orchard velvet compass";
        var set = await SetPasswordAsync(link, password);
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Contains("Your password is set", set.Html, StringComparison.Ordinal);

        // The link works once.
        var again = await SetPasswordAsync(link, "another quite long passphrase");
        Assert.Contains("This link no longer works", again.Html, StringComparison.Ordinal);

        // A manager somewhere: her first sign-in sets up two-factor sign-in before any token.
        var (tokens, _, _) = await OidcSignIn.SignInEnrollingAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri);
        var claims = new JsonWebToken(tokens.AccessToken).Claims.ToList();
        Assert.Equal(
            new[] { $"{E2EPractice.BackBay}:therapist", $"{E2EPractice.Cambridge}:clinic-manager" }.Order(),
            claims.Where(claim => claim.Type == "location_role").Select(claim => claim.Value).Order());
        Assert.DoesNotContain(claims, claim => claim.Type == "role" && claim.Value is "operations-admin" or "front-desk");

        // Manager at Cambridge: its dashboards answer; Back Bay's do not (she is a therapist there).
        using var ines = system.CreateGatewayClient().WithToken(tokens.AccessToken);
        using var cambridge = await ines.GetAsync($"api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-31&locationId={E2EPractice.Cambridge}", Cancel);
        Assert.Equal(HttpStatusCode.OK, cambridge.StatusCode);
        using var backBay = await ines.GetAsync($"api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-31&locationId={E2EPractice.BackBay}", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, backBay.StatusCode);

        using var read = await admin.GetAsync($"api/staff/{id}", Cancel);
        Assert.Equal("Active", (await read.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        var audit = await AuditAsync(id);
        Assert.Contains(audit, row => row.Action == "invited" && row.Outcome == "allowed");
        Assert.Contains(audit, row => row.Action == "role-granted:therapist" && row.Location == E2EPractice.BackBay);
        Assert.Contains(audit, row => row.Action == "role-granted:clinic-manager" && row.Location == E2EPractice.Cambridge);
        Assert.Contains(audit, row => row.Action == "password-set");
        Assert.DoesNotContain(audit, row => row.Serialized.Contains(password, StringComparison.Ordinal) || row.Serialized.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_deactivated_person_is_refused_by_every_service_within_a_minute_and_cannot_refresh_or_sign_in()
    {
        await E2EPractice.OfAsync(system);
        using var manager = await system.ClientForAsync("manager.cambridge");
        var (id, email, password) = await InviteAndSetPasswordAsync(manager, "clinic-manager", E2EPractice.Cambridge);
        var (tokens, _, _) = await OidcSignIn.SignInEnrollingAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri);
        using var person = system.CreateGatewayClient().WithToken(tokens.AccessToken);
        foreach (var path in OneEndpointPerService)
        {
            using var before = await person.GetAsync(path, Cancel);
            Assert.True(before.IsSuccessStatusCode, $"{path} should answer before deactivation, got {(int)before.StatusCode}");
        }

        // Deactivated as another gateway replica would: straight in the account store, so this gateway
        // learns it only when what it read of the account goes stale.
        var clock = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(system.Database("gateway").ConnectionString))
        {
            await connection.OpenAsync(Cancel);
            await using var command = new NpgsqlCommand("""update identity."AspNetUsers" set "IsActive" = false, "SessionsRevokedAt" = now() where "Id" = $1""", connection);
            command.Parameters.AddWithValue(id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancel));
        }

        foreach (var path in OneEndpointPerService)
        {
            await Eventually.UntilAsync($"{path} to refuse the deactivated person", async () =>
            {
                using var after = await person.GetAsync(path, Cancel);
                return after.StatusCode == HttpStatusCode.Unauthorized;
            }, TimeSpan.FromSeconds(60));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"took {clock.Elapsed}");
        var (refreshStatus, _) = await OidcSignIn.RefreshAsync(system.Gateway.BaseAddress, tokens.RefreshToken!, "nmt-web");
        Assert.Equal(HttpStatusCode.BadRequest, refreshStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, (await OidcSignIn.LoginAttemptAsync(system.Gateway.BaseAddress, email, password)).Status);
    }

    [Fact]
    public async Task Deactivating_through_the_api_ends_access_at_once_and_reactivating_lets_the_person_sign_in_again()
    {
        await E2EPractice.OfAsync(system);
        using var manager = await system.ClientForAsync("manager.backbay");
        var (id, email, password) = await InviteAndSetPasswordAsync(manager, "front-desk", E2EPractice.BackBay);
        var tokens = await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri);
        using var person = system.CreateGatewayClient().WithToken(tokens.AccessToken);

        using var deactivated = await manager.PostAsJsonAsync($"api/staff/{id}/deactivate", new { }, Cancel);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal("Deactivated", (await deactivated.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        foreach (var path in OneEndpointPerService.Take(4))
        {
            using var after = await person.GetAsync(path, Cancel);
            Assert.True(after.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {(int)after.StatusCode} right after deactivation");
        }

        using var reactivated = await manager.PostAsJsonAsync($"api/staff/{id}/reactivate", new { }, Cancel);
        Assert.Equal("Active", (await reactivated.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());

        // The old token stays refused (its sessions were ended); a new sign-in works.
        using var oldToken = await person.GetAsync("api/scheduling/locations", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        var fresh = await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri);
        using var again = system.CreateGatewayClient().WithToken(fresh.AccessToken);
        using var answered = await again.GetAsync("api/scheduling/locations", Cancel);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        var audit = await AuditAsync(id);
        Assert.Contains(audit, row => row.Action == "deactivated" && row.Outcome == "allowed" && row.Serialized.StartsWith("0194f3a0-0000-7000-8000-000000000a03|", StringComparison.Ordinal));
        Assert.Contains(audit, row => row.Action == "reactivated");
    }

    [Fact]
    public async Task A_forced_reset_ends_the_sessions_and_the_old_password_and_the_new_link_sets_a_new_one()
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        var (id, email, password) = await InviteAndSetPasswordAsync(admin, "therapist", E2EPractice.Cambridge);
        var tokens = await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri);

        using var reset = await admin.PostAsJsonAsync($"api/staff/{id}/password-reset", new { }, Cancel);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var body = await reset.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("PasswordResetPending", body.GetProperty("member").GetProperty("status").GetString());

        using var person = system.CreateGatewayClient().WithToken(tokens.AccessToken);
        using var refused = await person.GetAsync("api/scheduling/locations", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await OidcSignIn.RefreshAsync(system.Gateway.BaseAddress, tokens.RefreshToken!, "nmt-web")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await OidcSignIn.LoginAttemptAsync(system.Gateway.BaseAddress, email, password)).Status);

        const string renewed = "harbour quiet meadow lantern";
        Assert.Equal(HttpStatusCode.OK, (await SetPasswordAsync(new Uri(body.GetProperty("link").GetString()!), renewed)).Status);
        await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, email, renewed, "nmt-web", RunningSystem.RedirectUri);
        Assert.Contains(await AuditAsync(id), row => row.Action == "password-reset-forced");
    }

    [Fact]
    public async Task Roles_change_only_with_the_version_read_and_a_manager_changes_only_the_locations_she_manages()
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        using var invited = await admin.PostAsJsonAsync("api/staff/invitations", new
        {
            email = UniqueEmail("theo"),
            displayName = "Theo Lindqvist",
            roles = new object[]
            {
                new { locationId = E2EPractice.BackBay, role = "front-desk" },
                new { locationId = E2EPractice.Cambridge, role = "therapist" },
            },
        }, Cancel);
        var id = (await invited.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("member").GetProperty("id").GetString()!;
        using var manager = await system.ClientForAsync("manager.backbay");
        using var read = await manager.GetAsync($"api/staff/{id}", Cancel);
        var etag = read.Headers.ETag!.Tag;
        var change = new { roles = new[] { new { locationId = E2EPractice.BackBay, role = "therapist" } } };

        using var withoutVersion = await manager.PutAsJsonAsync($"api/staff/{id}/roles", change, Cancel);
        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);

        using var changed = await Send(manager, HttpMethod.Put, $"api/staff/{id}/roles", change, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var roles = (await changed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("roles").EnumerateArray()
            .Select(role => $"{role.GetProperty("locationId").GetGuid()}:{role.GetProperty("role").GetString()}").Order().ToList();

        // Back Bay's part is replaced; Cambridge's, which she does not manage, is kept.
        Assert.Equal(new[] { $"{E2EPractice.BackBay}:therapist", $"{E2EPractice.Cambridge}:therapist" }.Order(), roles);

        using var stale = await Send(manager, HttpMethod.Put, $"api/staff/{id}/roles", change, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        // A role at Cambridge, or a chain-wide one, is not hers to give; deactivating someone who also works at Cambridge neither.
        using var fresh = await manager.GetAsync($"api/staff/{id}", Cancel);
        using var elsewhere = await Send(manager, HttpMethod.Put, $"api/staff/{id}/roles",
            new { roles = new[] { new { locationId = E2EPractice.Cambridge, role = "clinic-manager" } } }, fresh.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        using var chainWide = await Send(manager, HttpMethod.Put, $"api/staff/{id}/roles",
            new { roles = new[] { new { locationId = E2EPractice.BackBay, role = "therapist" } }, chainRoles = new[] { "operations-admin" } }, fresh.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Forbidden, chainWide.StatusCode);
        using var deactivate = await manager.PostAsJsonAsync($"api/staff/{id}/deactivate", new { }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);

        using var after = await admin.GetAsync($"api/staff/{id}", Cancel);
        var state = await after.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Invited", state.GetProperty("status").GetString());
        Assert.Equal(2, state.GetProperty("roles").GetArrayLength());
        Assert.Empty(state.GetProperty("chainRoles").EnumerateArray());

        var audit = await AuditAsync(id);
        Assert.Contains(audit, row => row.Action == "role-removed:front-desk" && row.Location == E2EPractice.BackBay);
        Assert.Contains(audit, row => row.Action == "role-granted:therapist" && row.Location == E2EPractice.BackBay);
        Assert.Equal(3, (await DeniedAsync($"/api/staff/{id}")).Count);
    }

    [Fact]
    public async Task No_one_deactivates_or_changes_the_roles_of_their_own_account()
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        const string opsAdmin = "0194f3a0-0000-7000-8000-000000000a10";

        using var self = await admin.PostAsJsonAsync($"api/staff/{opsAdmin}/deactivate", new { }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        using var soleAdmin = await admin.GetAsync($"api/staff/{opsAdmin}", Cancel);
        Assert.Equal("Active", (await soleAdmin.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());

        // An operations admin made by another admin can be deactivated by them (the chain keeps an admin).
        var (second, _, _) = await InviteAndSetPasswordAsync(admin, chainRole: "operations-admin");
        using var deactivateSecond = await admin.PostAsJsonAsync($"api/staff/{second}/deactivate", new { }, Cancel);
        Assert.Equal(HttpStatusCode.OK, deactivateSecond.StatusCode);

        using var managerSelf = await system.ClientForAsync("manager.chicago");
        using var ownRoles = await managerSelf.GetAsync("api/staff/0194f3a0-0000-7000-8000-000000000a09", Cancel);
        using var changeOwn = await Send(managerSelf, HttpMethod.Put, "api/staff/0194f3a0-0000-7000-8000-000000000a09/roles",
            new { roles = new[] { new { locationId = Guid.Parse("0194f3a0-0000-7000-8000-00000000a003"), role = "therapist" } } }, ownRoles.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, changeOwn.StatusCode);
    }

    [Fact]
    public async Task Bad_invitations_are_refused_naming_the_field_and_create_no_account()
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        var before = await StaffCountAsync();

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { email = "not-an-email", displayName = "X Y", roles = new[] { new { locationId = E2EPractice.BackBay, role = "therapist" } } }, "email"),
            (new { email = UniqueEmail("a"), displayName = "", roles = new[] { new { locationId = E2EPractice.BackBay, role = "therapist" } } }, "displayName"),
            (new { email = UniqueEmail("b"), displayName = "X Y", roles = new[] { new { locationId = E2EPractice.BackBay, role = "janitor" } } }, "roles[0].role"),
            (new { email = UniqueEmail("c"), displayName = "X Y", roles = Array.Empty<object>() }, "roles"),
        })
        {
            using var response = await admin.PostAsJsonAsync("api/staff/invitations", body, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name {field}: {problem}");
        }

        using var twice = await admin.PostAsJsonAsync("api/staff/invitations", new
        {
            email = "manager.backbay@example.org", displayName = "Priya Again", roles = new[] { new { locationId = E2EPractice.BackBay, role = "therapist" } },
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, twice.StatusCode);
        using var duplicate = await admin.PostAsJsonAsync("api/staff/invitations", new
        {
            email = "Manager.BackBay@example.org", displayName = "Priya Thrice", roles = new[] { new { locationId = E2EPractice.BackBay, role = "therapist" } },
        }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(before + 1, await StaffCountAsync());
    }

    [Fact]
    public async Task A_locked_out_person_signs_in_again_once_unlocked()
    {
        await E2EPractice.OfAsync(system);
        using var manager = await system.ClientForAsync("manager.backbay");
        var (id, email, password) = await InviteAndSetPasswordAsync(manager, "therapist", E2EPractice.BackBay);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await OidcSignIn.LoginAttemptAsync(system.Gateway.BaseAddress, email, "wrong password entirely");
        }

        using var locked = await manager.GetAsync($"api/staff/{id}", Cancel);
        Assert.True((await locked.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("lockedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await OidcSignIn.LoginAttemptAsync(system.Gateway.BaseAddress, email, password)).Status);

        using var unlocked = await manager.PostAsJsonAsync($"api/staff/{id}/unlock", new { }, Cancel);
        Assert.False((await unlocked.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("lockedOut").GetBoolean());
        await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri);
        Assert.Contains(await AuditAsync(id), row => row.Action == "unlocked");
    }

    private Task<(string Id, string Email, string Password)> InviteAndSetPasswordAsync(HttpClient inviter, string? role = null, Guid? location = null, string? chainRole = null) =>
        StaffAccountsForTests.InviteAsync(system, inviter, role, location, chainRole);

    private Task<(HttpStatusCode Status, string Html)> SetPasswordAsync(Uri link, string password) => StaffAccountsForTests.TrySetPasswordAsync(system, link, password);

    private static HttpRequestMessage Request(HttpMethod method, string path, object body, string etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string etag)
    {
        using var request = Request(method, path, body, etag);
        return await client.SendAsync(request, Cancel);
    }

    private static string UniqueEmail(string name) => $"{name}.{Guid.NewGuid():N}@example.org";

    private Task<List<(string Action, string Outcome, Guid? Location, string Serialized)>> AuditAsync(string staffId) =>
        StaffAccountsForTests.AuditAsync(system, staffId);

    private async Task<List<string>> DeniedAsync(string pathPrefix)
    {
        await using var connection = new NpgsqlConnection(system.Database("gateway").ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("select resource_id from identity.audit_log where outcome = 'denied' and resource_id like $1", connection);
        command.Parameters.AddWithValue(pathPrefix + "%");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<long> StaffCountAsync()
    {
        await using var connection = new NpgsqlConnection(system.Database("gateway").ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("""select count(*) from identity."AspNetUsers" """, connection);
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
