using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.TreatmentRecords.Practice;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>Treatment records in a chain that keeps its clients per location (<c>Clients:Sharing=Location</c>).</summary>
public sealed class PerLocationTreatmentRecordsFixture : ServiceFixture<Program>
{
    protected override string Purpose => "treatmentperlocation";

    protected override IReadOnlyDictionary<string, string?> Settings => ServiceFixtureSettings.ClientsPerLocation;
}

/// <summary>A chain client's notes follow them to the locations that book or treat them, read-only there.</summary>
public sealed class ChainClientNotesTests(TreatmentRecordsFixture fixture) : IClassFixture<TreatmentRecordsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_clients_notes_are_read_at_every_location_that_books_them_and_changed_only_where_written()
    {
        var backBay = Guid.CreateVersion7();
        var cambridge = Guid.CreateVersion7();
        var client = await fixture.ScreenedClientAsync(backBay);
        await fixture.RegisteredAsync(client, backBay);
        using var backBayTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, backBay);
        using var cambridgeTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, cambridge);
        var (note, etag) = await backBayTherapist.OpenedAsync(client, backBay);

        // Before Cambridge has anything to do with the client, the note stays at Back Bay.
        using (var read = await cambridgeTherapist.GetAsync(new Uri($"/api/treatments/sessions/{note}", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        Assert.Empty(await cambridgeTherapist.ReadAsync<IReadOnlyList<SessionNoteSummaryView>>($"/api/treatments/clients/{client}/sessions"));
        Assert.Contains(await fixture.AuditRowsAsync(note.ToString()), row => (row.Outcome, row.UserId) == ("denied", cambridgeTherapist.Subject()));

        // Booked at Cambridge: its therapists read the client's notes from Back Bay, but change none of them.
        await fixture.BookedAsync(client, cambridge);
        await fixture.KnownAtAsync(client, cambridge);
        Assert.Equal(client, (await cambridgeTherapist.GetNoteAsync(note)).ClientId);
        Assert.Equal([note], (await cambridgeTherapist.ReadAsync<IReadOnlyList<SessionNoteSummaryView>>($"/api/treatments/clients/{client}/sessions")).Select(n => n.Id));
        using var change = await cambridgeTherapist.PutSectionAsync(note, "subjective", SessionNoteExamples.SubjectiveBody(), etag);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(etag, $"\"{await fixture.Host.StreamVersionAsync(note)}\"");
    }
}

/// <summary>A chain that keeps its clients per location: a walk-in note for another location's client is refused.</summary>
public sealed class PerLocationNotesTests(PerLocationTreatmentRecordsFixture fixture) : IClassFixture<PerLocationTreatmentRecordsFixture>
{
    [Fact]
    public async Task A_walk_in_note_for_another_locations_client_is_refused_and_nothing_is_written()
    {
        var backBay = Guid.CreateVersion7();
        var cambridge = Guid.CreateVersion7();
        var client = await fixture.ScreenedClientAsync(backBay);
        await fixture.RegisteredAsync(client, backBay);
        using var cambridgeTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, cambridge);
        using var backBayTherapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, backBay);
        var chosen = Guid.CreateVersion7();

        using var refused = await cambridgeTherapist.SendAsync(HttpMethod.Post, "/api/treatments/sessions", new { sessionId = chosen, clientId = client, locationId = cambridge }, null);
        using var opened = await backBayTherapist.OpenAsync(client, backBay);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Created), (refused.StatusCode, opened.StatusCode));
        Assert.Null(await fixture.Host.StreamVersionAsync(chosen));
    }
}

/// <summary>A session of a therapist linked to a staff account is opened by that therapist, and a walk-in names who opened it.</summary>
public sealed class TherapistAccountNotesTests(TreatmentRecordsFixture fixture) : IClassFixture<TreatmentRecordsFixture>
{
    [Fact]
    public async Task Only_the_appointments_own_therapist_opens_its_note_and_a_walk_in_names_the_therapist_who_opened_it()
    {
        var location = Guid.CreateVersion7();
        var sam = Guid.CreateVersion7();
        using var samsAccount = fixture.Host.CreateClientAs(NmtRoles.Therapist, location);
        using var colleague = fixture.Host.CreateClientAs(NmtRoles.Therapist, location);
        await fixture.HoursAsync(sam, location, [new NmtPractice.Contracts.Scheduling.WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))]);
        await fixture.LinkedAsync(sam, samsAccount.Subject());
        var client = await fixture.ScreenedClientAsync(location);
        var appointment = await fixture.BookedAsync(client, location, sam);

        // A colleague at the same location may not open (and so block) Sam's session.
        using var refused = await colleague.OpenAsync(client, location, appointment);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(await fixture.Host.StreamVersionAsync(appointment));
        Assert.Contains(await fixture.AuditRowsAsync("/api/treatments/sessions"), row => (row.Outcome, row.UserId) == ("denied", colleague.Subject()));

        using var opened = await samsAccount.OpenAsync(client, location, appointment);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(sam, (await samsAccount.GetNoteAsync(appointment)).TherapistId);

        // A walk-in Sam opens without naming a therapist is Sam's; a colleague's names no one.
        using var walkIn = await samsAccount.OpenAsync(client, location);
        Assert.Equal(sam, (await walkIn.ReadAsync<SessionNoteView>()).TherapistId);
        using var colleaguesWalkIn = await colleague.OpenAsync(client, location);
        Assert.Null((await colleaguesWalkIn.ReadAsync<SessionNoteView>()).TherapistId);

        // An operator's service account (an import) opens a session for the therapist it names; a colleague who names Sam cannot.
        using var import = fixture.Host.CreateClient().WithToken(TestTokens.ForServiceAccount("nmt-import", NmtRoles.Therapist, location));
        using var imported = await import.SendAsync(HttpMethod.Post, "/api/treatments/sessions", new { clientId = client, locationId = location, therapistId = sam }, null);
        using var named = await colleague.SendAsync(HttpMethod.Post, "/api/treatments/sessions", new { clientId = client, locationId = location, therapistId = sam }, null);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Forbidden), (imported.StatusCode, named.StatusCode));
        Assert.Equal(sam, (await imported.ReadAsync<SessionNoteView>()).TherapistId);
    }

    [Fact]
    public async Task A_profile_linked_to_another_account_later_names_that_account_whatever_order_the_messages_arrive_in()
    {
        var location = Guid.CreateVersion7();
        var ava = Guid.CreateVersion7();
        using var first = fixture.Host.CreateClientAs(NmtRoles.Therapist, location);
        using var later = fixture.Host.CreateClientAs(NmtRoles.Therapist, location);
        await fixture.HoursAsync(ava, location, [new NmtPractice.Contracts.Scheduling.WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))]);
        var registeredAt = DateTimeOffset.UtcNow.AddMinutes(-5);

        // The link arrives before the registration it follows; the older registration changes nothing.
        await fixture.Bus.PublishAsync(new NmtPractice.Contracts.Scheduling.TherapistAccountLinked(ava, later.Subject(), registeredAt.AddMinutes(1)), Guid.CreateVersion7());
        await Eventually.UntilAsync("the link to reach treatment records", async () => (await fixture.Host.LoadAsync<TherapistAccount>(ava))?.UserId == later.Subject());
        var stale = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(new NmtPractice.Contracts.Scheduling.TherapistRegistered(ava, "Ava Brennan", first.Subject(), registeredAt), stale);
        await Eventually.UntilAsync("the stale registration to be handled", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.Query<NmtPractice.ServiceDefaults.Messaging.InboxRecord>().AnyAsync(record => record.MessageId == stale, TestContext.Current.CancellationToken);
        });
        Assert.Equal(later.Subject(), (await fixture.Host.LoadAsync<TherapistAccount>(ava))!.UserId);

        var client = await fixture.ScreenedClientAsync(location);
        using var walkIn = await later.OpenAsync(client, location);
        Assert.Equal(ava, (await walkIn.ReadAsync<SessionNoteView>()).TherapistId);
        using var formerAccount = await first.OpenAsync(client, location);
        Assert.Null((await formerAccount.ReadAsync<SessionNoteView>()).TherapistId);
    }
}
