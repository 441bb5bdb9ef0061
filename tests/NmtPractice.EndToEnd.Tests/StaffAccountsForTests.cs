using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>Staff invited through the staff API, with the password set through their one-time link as a browser would.</summary>
internal static class StaffAccountsForTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Invites someone (a role at a location, or a chain-wide role) and sets their password; their id, email and password.</summary>
    public static Task<(string Id, string Email, string Password)> InviteAsync(RunningSystem system, HttpClient inviter, string? role = null, Guid? location = null, string? chainRole = null) =>
        InviteAsync(system, inviter, role is null ? [] : [(location!.Value, role)], chainRole);

    /// <summary>As the other overload, with a role at each of several locations.</summary>
    public static async Task<(string Id, string Email, string Password)> InviteAsync(
        RunningSystem system, HttpClient inviter, IReadOnlyList<(Guid Location, string Role)> roles, string? chainRole = null)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        var email = $"staff.{Guid.NewGuid():N}@example.org";
        using var invited = await inviter.PostAsJsonAsync("api/staff/invitations", new
        {
            email,
            displayName = "Robin Staffer",
            roles = roles.Select(grant => new { locationId = grant.Location, role = grant.Role }).ToArray(),
            chainRoles = chainRole is null ? Array.Empty<string>() : [chainRole],
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var body = await invited.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var password = $"quiet river {Guid.NewGuid():N}";
        await SetPasswordAsync(system, new Uri(body.GetProperty("link").GetString()!), password);
        return (body.GetProperty("member").GetProperty("id").GetString()!, email, password);
    }

    /// <summary>Sets the password through the link, and checks that it was taken.</summary>
    public static async Task SetPasswordAsync(RunningSystem system, Uri link, string password)
    {
        var (status, html) = await TrySetPasswordAsync(system, link, password);
        Assert.True(status == HttpStatusCode.OK, html);
    }

    /// <summary>Opens the link as a browser would (the page, then its form posted back): the answer.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> TrySetPasswordAsync(RunningSystem system, Uri link, string password)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = system.Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var page = await browser.GetAsync(link.PathAndQuery.TrimStart('/'), Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        if (!page.IsSuccessStatusCode)
        {
            return (page.StatusCode, html);
        }

        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OidcSignIn.FormField(html, "__RequestVerificationToken"),
            ["user"] = OidcSignIn.FormField(html, "user"),
            ["token"] = OidcSignIn.FormField(html, "token"),
            ["password"] = password,
            ["repeat"] = password,
        });
        using var posted = await browser.PostAsync("account/set-password", form, Cancel);
        return (posted.StatusCode, await posted.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>The gateway's audit rows about a staff member, oldest first, each also as one string (to look for what must never be there).</summary>
    public static async Task<List<(string Action, string Outcome, Guid? Location, string Serialized)>> AuditAsync(RunningSystem system, string staffId)
    {
        await using var connection = new NpgsqlConnection(system.Database("gateway").ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "select action, outcome, location_id, concat_ws('|', user_id, client_address, action, resource_type, resource_id, outcome) from identity.audit_log where resource_id = $1 order by occurred_at, id",
            connection);
        command.Parameters.AddWithValue(staffId);
        var rows = new List<(string, string, Guid?, string)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3)));
        }

        return rows;
    }
}
