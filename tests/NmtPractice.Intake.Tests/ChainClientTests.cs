using System.Net;
using System.Net.Http.Json;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;
using Published = NmtPractice.Contracts.Intake;
using Scheduling = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Intake.Tests;

/// <summary>The intake service in a chain that keeps its clients per location (<c>Clients:Sharing=Location</c>).</summary>
public sealed class PerLocationIntakeFixture : ServiceFixture<Program>
{
    protected override string Purpose => "intakeperlocation";

    protected override IReadOnlyDictionary<string, string?> Settings => ServiceFixtureSettings.ClientsPerLocation;
}

/// <summary>
/// A client of the chain: registered once, found and summarised at every location (when the chain
/// shares its clients), whole only where registered, booked or treated (and to the chain's
/// operations); duplicates merged by operations.
/// </summary>
public sealed class ChainClientTests(IntakeBusFixture fixture) : IClassFixture<IntakeBusFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly Guid _backBay = Guid.CreateVersion7();
    private readonly Guid _cambridge = Guid.CreateVersion7();

    /// <summary>A family name no other test uses, so that chain-wide searches find only this test's clients.</summary>
    private static string UniqueFamily() => "Reyes" + new string([.. Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (c % 26)))]);

    private static async Task<Guid> RegisterAsync(HttpClient desk, Guid location, string family)
    {
        using var response = await desk.PostAsJsonAsync("/api/intake/clients", IntakeRequests.Registration(location, "Dana", family), Cancel);
        response.EnsureSuccessStatusCode();
        return await response.IdOfAsync();
    }

    [Fact]
    public async Task A_chain_client_is_found_and_summarised_at_every_location_and_whole_only_where_booked()
    {
        // Rule: any location finds and summarises a chain client (what booking and treating need);
        // the whole record opens at a location once the client is booked there.
        using var backBayDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _backBay);
        using var cambridgeDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _cambridge);
        using var cambridgeTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _cambridge);
        using var operations = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var family = UniqueFamily();
        var client = await RegisterAsync(backBayDesk, _backBay, family);
        (await backBayDesk.AnswerAsync(client, IntakeAnswers.Healthy(("osteoporosis", true), ("varicose_vein_regions", new[] { "calf-left" })))).EnsureSuccessStatusCode();
        (await backBayDesk.ConsentAsync(client)).EnsureSuccessStatusCode();

        var found = Assert.Single(await cambridgeDesk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={_cambridge}&name={family}"));
        Assert.Equal((client, _backBay, false, "ClearedWithPrecautions"), (found.Id, found.HomeLocationId, found.KnownHere, found.Screening));

        var summary = await cambridgeDesk.ReadAsync<ClientSummaryView>($"/api/intake/clients/{client}/summary");
        Assert.Equal(("ClearedWithPrecautions", false, _backBay), (summary.Screening, summary.WholeRecord, summary.HomeLocationId));
        Assert.Equal(["calf-left"], summary.RegionsToAvoid);
        Assert.Equal(["lighter-pressure"], summary.Precautions);
        Assert.Equal("dana.reyes@example.org", summary.Contact.GetProperty("email").GetString());

        using (var whole = await cambridgeTherapist.GetAsync(new Uri($"/api/intake/clients/{client}", UriKind.Relative), Cancel))
        using (var screening = await cambridgeTherapist.GetAsync(new Uri($"/api/intake/clients/{client}/screening", UriKind.Relative), Cancel))
        using (var intake = await cambridgeTherapist.GetAsync(new Uri($"/api/intake/clients/{client}/intakes/latest", UriKind.Relative), Cancel))
        using (var change = await cambridgeDesk.PostAsJsonAsync($"/api/intake/clients/{client}/consents",
            new GiveConsent("privacy", "2026-01", "Dana Reyes", "self", DateOnly.FromDateTime(DateTime.UtcNow)), Cancel))
        {
            Assert.Equal(
                (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
                (whole.StatusCode, screening.StatusCode, intake.StatusCode, change.StatusCode));
        }

        var refusals = await operations.AuditAsync("intake", client.ToString());
        Assert.Contains(refusals, entry => entry.Outcome == "denied" && entry.UserId == cambridgeTherapist.Subject() && entry.ResourceType == "screening");
        Assert.Contains(refusals, entry => entry.Outcome == "allowed" && entry.UserId == cambridgeDesk.Subject() && entry.ResourceType == "client-summary");

        // The chain's operations see the whole record anywhere.
        Assert.Equal(_backBay, (await operations.ReadAsync<ClientRecordView>($"/api/intake/clients/{client}")).LocationId);

        // Scheduling books the client at Cambridge: from then on Cambridge reads the whole record.
        await fixture.Bus.PublishAsync(Booked(client, _cambridge), Guid.CreateVersion7());
        await Eventually.UntilAsync("Cambridge to read the whole record once the client is booked there", async () =>
        {
            using var response = await cambridgeTherapist.GetAsync(new Uri($"/api/intake/clients/{client}/screening", UriKind.Relative), Cancel);
            return response.StatusCode == HttpStatusCode.OK;
        });
        Assert.True((await cambridgeDesk.ReadAsync<ClientSummaryView>($"/api/intake/clients/{client}/summary")).WholeRecord);
        Assert.True(Assert.Single(await cambridgeDesk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={_cambridge}&name={family}")).KnownHere);
        using var consented = await cambridgeDesk.PostAsJsonAsync($"/api/intake/clients/{client}/consents",
            new GiveConsent("privacy", "2026-01", "Dana Reyes", "self", DateOnly.FromDateTime(DateTime.UtcNow)), Cancel);
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
    }

    [Fact]
    public async Task Operations_merge_a_duplicate_registration_which_closes_it_and_tells_the_other_services()
    {
        // Rule: two registrations of one person (same names and date of birth) are listed for the
        // chain's operations; a merge (with a reason) closes the duplicate, whose history stays readable.
        using var backBayDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _backBay);
        using var cambridgeDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _cambridge);
        using var cambridgeTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _cambridge);
        using var operations = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var family = UniqueFamily();
        var survivor = await RegisterAsync(backBayDesk, _backBay, family);
        var duplicate = await RegisterAsync(cambridgeDesk, _cambridge, family.ToUpperInvariant());

        using (var notOperations = await backBayDesk.GetAsync(new Uri("/api/intake/clients/duplicates", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notOperations.StatusCode);
        }

        var group = Assert.Single(await operations.ReadAsync<IReadOnlyList<DuplicateGroupView>>("/api/intake/clients/duplicates"), g => g.Registrations.Any(r => r.Id == survivor));
        Assert.Equal([survivor, duplicate], group.Registrations.Select(r => r.Id).Order());
        Assert.Equal(new DateOnly(1985, 5, 1), group.DateOfBirth);

        using (var itself = await operations.PostAsJsonAsync($"/api/intake/clients/{survivor}/merges", new { duplicateId = survivor, reason = "x" }, Cancel))
        using (var noReason = await operations.PostAsJsonAsync($"/api/intake/clients/{survivor}/merges", new { duplicateId = duplicate, reason = " " }, Cancel))
        using (var byDesk = await backBayDesk.PostAsJsonAsync($"/api/intake/clients/{survivor}/merges", new { duplicateId = duplicate, reason = "Same person" }, Cancel))
        {
            Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (itself.StatusCode, noReason.StatusCode, byDesk.StatusCode));
        }

        Assert.Null((await operations.ReadAsync<ClientRecordView>($"/api/intake/clients/{duplicate}")).MergedInto);

        using var merged = await operations.PostAsJsonAsync($"/api/intake/clients/{survivor}/merges", new { duplicateId = duplicate, reason = "Same person: same birth date and phone" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal([duplicate], (await merged.ReadAsync<ClientRecordView>()).Duplicates);
        Assert.Equal(survivor, (await operations.ReadAsync<ClientRecordView>($"/api/intake/clients/{duplicate}")).MergedInto);

        // The duplicate is closed: no change, no search, no second merge; it is no longer listed.
        using (var answered = await cambridgeDesk.AnswerAsync(duplicate, IntakeAnswers.Healthy()))
        {
            Assert.Equal(HttpStatusCode.Conflict, answered.StatusCode);
            Assert.Equal("Client merged", await answered.ProblemTitleAsync());
        }

        using (var again = await operations.PostAsJsonAsync($"/api/intake/clients/{survivor}/merges", new { duplicateId = duplicate, reason = "again" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal([survivor], (await backBayDesk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={_backBay}&name={family}")).Select(m => m.Id));
        Assert.DoesNotContain(await operations.ReadAsync<IReadOnlyList<DuplicateGroupView>>("/api/intake/clients/duplicates"), g => g.Registrations.Any(r => r.Id == survivor));

        var published = (Published.ClientsMerged)(await fixture.Bus.WaitForAsync<Published.ClientsMerged>(m => m.SurvivorId == survivor)).Message;
        Assert.Equal(duplicate, published.DuplicateId);
        var audit = await operations.AuditAsync("intake");
        Assert.Contains(audit, entry => entry.Action == "merge" && entry.ResourceId == survivor.ToString() && entry.Outcome == "allowed");
        Assert.Contains(audit, entry => entry.Action == "merge" && entry.ResourceId == duplicate.ToString() && entry.Outcome == "allowed");

        // The duplicate was Cambridge's client: the person's record that stays now opens there too.
        await Eventually.UntilAsync("Cambridge to read the merged record", async () =>
        {
            using var response = await cambridgeTherapist.GetAsync(new Uri($"/api/intake/clients/{survivor}", UriKind.Relative), Cancel);
            return response.StatusCode == HttpStatusCode.OK;
        });
    }

    private static Scheduling.AppointmentBooked Booked(Guid client, Guid location)
    {
        var starts = DateTimeOffset.UtcNow.AddDays(3);
        return new Scheduling.AppointmentBooked(Guid.CreateVersion7(), client, location, Guid.CreateVersion7(), "NMT-60", starts, starts.AddHours(1), DateTimeOffset.UtcNow);
    }
}

/// <summary>A chain that keeps its clients per location: another location neither finds nor summarises them.</summary>
public sealed class PerLocationClientTests(PerLocationIntakeFixture fixture) : IClassFixture<PerLocationIntakeFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Another_location_neither_finds_nor_summarises_the_client_and_the_refusal_is_audited()
    {
        var backBay = Guid.CreateVersion7();
        var cambridge = Guid.CreateVersion7();
        using var backBayDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, backBay);
        using var cambridgeDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, cambridge);
        using var operations = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var client = await backBayDesk.RegisterAsync(backBay);

        Assert.Empty(await cambridgeDesk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={cambridge}&name=dana"));
        Assert.Contains(await backBayDesk.ReadAsync<IReadOnlyList<ClientMatchView>>($"/api/intake/clients?locationId={backBay}&name=dana"), m => m.Id == client);
        using var summary = await cambridgeDesk.GetAsync(new Uri($"/api/intake/clients/{client}/summary", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, summary.StatusCode);
        Assert.Contains(await operations.AuditAsync("intake", client.ToString()), entry => entry.Outcome == "denied" && entry.ResourceType == "client-summary");
        Assert.True((await backBayDesk.ReadAsync<ClientSummaryView>($"/api/intake/clients/{client}/summary")).WholeRecord);
    }
}
