using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Intake.Tests;

/// <summary>The desk finds the chain's clients by the start of a name; searching from a location the caller does not work at is refused.</summary>
public sealed class FindingClientsTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<Guid> RegisterAsync(HttpClient desk, Guid location, string given, string family)
    {
        using var response = await desk.PostAsJsonAsync("/api/intake/clients", IntakeRequests.Registration(location, given, family), Cancel);
        response.EnsureSuccessStatusCode();
        return await response.IdOfAsync();
    }

    [Fact]
    public async Task Clients_of_the_whole_chain_are_found_by_the_start_of_a_given_or_family_name()
    {
        // Rule: a chain that shares its clients (the default) lets any location find any of them, and
        // says which are known at the location searched from (registered, booked or treated there).
        var location = Guid.CreateVersion7();
        var elsewhere = Guid.CreateVersion7();
        var tag = new string([.. Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26)))]);
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, location, elsewhere);
        using var otherDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, elsewhere);
        var dana = await RegisterAsync(desk, location, $"{tag}Dana", $"Reyes{tag}");
        var danielle = await RegisterAsync(desk, location, $"{tag}Danielle", $"Ortiz{tag}");
        await RegisterAsync(desk, location, $"{tag}Omar", $"Haddad{tag}");
        var dante = await RegisterAsync(otherDesk, elsewhere, $"{tag}Dante", $"Ruiz{tag}");
        (await desk.AnswerAsync(dana, IntakeAnswers.Healthy())).EnsureSuccessStatusCode();
        (await desk.ConsentAsync(dana)).EnsureSuccessStatusCode();

        var byGiven = await desk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={location}&name={tag}dan");
        var byFamily = await desk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={location}&name=REYES{tag}");

        Assert.Equal(
            [(danielle, $"{tag}Danielle Ortiz{tag}", (string?)null, true), (dana, $"{tag}Dana Reyes{tag}", "Cleared", true), (dante, $"{tag}Dante Ruiz{tag}", null, false)],
            byGiven.Select(match => (match.Id, match.Name, match.Screening, match.KnownHere)));
        Assert.Equal(elsewhere, byGiven.Single(match => match.Id == dante).HomeLocationId);
        Assert.Equal([dana], byFamily.Select(match => match.Id));
    }

    [Fact]
    public async Task Another_locations_clients_cannot_be_searched_and_searches_are_audited()
    {
        var location = Guid.CreateVersion7();
        var foreign = Guid.CreateVersion7();
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, location);
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

        using var other = await desk.GetAsync(new Uri($"/api/intake/clients?locationId={foreign}&name=dana", UriKind.Relative), Cancel);
        using var found = await desk.GetAsync(new Uri($"/api/intake/clients?locationId={location}&name=dana", UriKind.Relative), Cancel);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (other.StatusCode, found.StatusCode));
        var from = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTimeOffset.UtcNow.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var audit = await admin.ReadAsync<IReadOnlyList<AuditEntryView>>($"/api/intake/audit?from={from}&to={to}&resourceId={location}");
        Assert.Contains(audit, entry => entry.Action == "search" && entry.Outcome == "allowed");
        var refused = await admin.AuditAsync("intake", "/api/intake/clients");
        Assert.Contains(refused, entry => entry.Outcome == "denied" && entry.UserId == desk.Subject() && entry.LocationId == foreign);
    }

    [Theory]
    [InlineData("name=dana", "locationId")]
    [InlineData("locationId=0194f3a0-0000-7000-8000-00000000a001&name=d", "name")]
    public async Task A_search_without_a_location_or_with_one_letter_is_a_400(string query, string field)
    {
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Guid.Parse("0194f3a0-0000-7000-8000-00000000a001"));

        using var response = await desk.GetAsync(new Uri($"/api/intake/clients?{query}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
