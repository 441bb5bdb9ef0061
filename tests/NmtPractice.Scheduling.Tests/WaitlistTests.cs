using System.Net;
using System.Net.Http.Json;
using NmtPractice.Contracts.Security;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>A freed slot is offered to the longest-waiting matching client; declining passes it on; booking fulfils the entry.</summary>
public sealed class WaitlistTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    private async Task<Guid> JoinAsync(HttpClient desk, Guid client, int daysAhead, Guid? therapist = null)
    {
        var day = World.Day(daysAhead);
        using var joined = await desk.PostAsJsonAsync(
            "/api/scheduling/waitlist",
            new JoinWaitlist(client, World.LocationId, "NMT-60", therapist, day.AddDays(-1), day.AddDays(1)),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        return await joined.IdOfAsync();
    }

    private Task<IReadOnlyList<WaitlistLineView>> WaitlistAsync(HttpClient desk) =>
        desk.ReadAsync<IReadOnlyList<WaitlistLineView>>($"/api/scheduling/locations/{World.LocationId}/waitlist");

    private async Task<WaitlistLineView> EntryAsync(HttpClient desk, Guid id) => (await WaitlistAsync(desk)).Single(e => e.Id == id);

    [Fact]
    public async Task A_cancelled_slot_goes_to_the_longest_waiting_match_then_to_the_next_when_declined()
    {
        using var desk = World.Desk;
        var startsAt = World.At(10, daysAhead: 30);
        var appointment = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), startsAt))).IdOfAsync();
        var first = await JoinAsync(desk, await World.ClientAsync(), 30);
        var otherTherapistOnly = await JoinAsync(desk, await World.ClientAsync(), 30, World.OtherTherapist);
        var second = await JoinAsync(desk, await World.ClientAsync(), 30);

        (await desk.CommandAsync(appointment, "cancel", new CancelAppointment("client-illness"))).EnsureSuccessStatusCode();

        var offer = (Published.WaitlistSlotOffered)(await fixture.Bus.WaitForAsync<Published.WaitlistSlotOffered>(m => m.WaitlistEntryId == first)).Message;
        Assert.Equal(startsAt, offer.StartsAt);
        Assert.Equal(World.Therapist, offer.TherapistId);
        var offered = await EntryAsync(desk, first);
        Assert.Equal("Offered", offered.Status);
        Assert.False(string.IsNullOrEmpty(offered.ClientName), "the desk sees whom the slot is offered to");

        using var declined = await desk.PostAsync(new Uri($"/api/scheduling/waitlist/{first}/decline", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);

        await fixture.Bus.WaitForAsync<Published.WaitlistSlotOffered>(m => m.WaitlistEntryId == second);
        Assert.Equal("Waiting", (await EntryAsync(desk, first)).Status);
        Assert.Equal("Waiting", (await EntryAsync(desk, otherTherapistOnly)).Status);
    }

    [Fact]
    public async Task Booking_from_the_waitlist_fulfils_the_entry()
    {
        using var desk = World.Desk;
        var client = await World.ClientAsync();
        var entry = await JoinAsync(desk, client, 31);

        using var booked = await desk.BookAsync(World.Booking(client, World.At(15, daysAhead: 31)) with { WaitlistEntryId = entry });
        var open = await WaitlistAsync(desk);
        using var withdrawAfter = await desk.PostAsync(new Uri($"/api/scheduling/waitlist/{entry}/withdraw", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.DoesNotContain(open, e => e.Id == entry);
        Assert.Equal(HttpStatusCode.Conflict, withdrawAfter.StatusCode);
        var id = await booked.IdOfAsync();
        await fixture.Bus.WaitForAsync<Published.AppointmentBooked>(message => message.AppointmentId == id && message.WaitlistEntryId == entry);
    }

    [Fact]
    public async Task Another_locations_waitlist_entry_or_therapist_is_refused_and_nothing_changes()
    {
        // Rule: a booking closes only its own location's waitlist entry, and an entry names only a
        // therapist of its location, whoever the client is.
        using var admin = World.Admin;
        var elsewhere = Guid.CreateVersion7();
        var elsewhereTherapist = Guid.CreateVersion7();
        await new PracticeBuilder()
            .Location(new OpenLocation(elsewhere, $"Elsewhere {elsewhere:N}"[..20], PostalAddress.Boston("9 Far St"), PracticeWorld.TimeZone, DayHours.EveryDay(new TimeOnly(8, 0), new TimeOnly(20, 0))))
            .Room(new AddRoom(null, "Room E"))
            .Therapist(new RegisterTherapist(elsewhereTherapist, "Elsie Far", ["NMT-60"]), DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0)))
            .BuildAsync(admin, TestContext.Current.CancellationToken);
        var client = await World.ClientAsync();
        using var otherDesk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, elsewhere);
        var day = World.Day(33);
        using var joinedElsewhere = await otherDesk.PostAsJsonAsync("/api/scheduling/waitlist",
            new JoinWaitlist(client, elsewhere, "NMT-60", null, day, day.AddDays(1)), TestContext.Current.CancellationToken);
        var foreignEntry = await joinedElsewhere.IdOfAsync();
        using var desk = World.Desk;
        var appointmentId = Guid.CreateVersion7();

        using var booked = await desk.BookAsync(World.Booking(client, World.At(15, daysAhead: 33), appointmentId: appointmentId) with { WaitlistEntryId = foreignEntry });
        using var foreignTherapist = await desk.PostAsJsonAsync("/api/scheduling/waitlist",
            new JoinWaitlist(client, World.LocationId, "NMT-60", elsewhereTherapist, day, day.AddDays(1)), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest), (booked.StatusCode, foreignTherapist.StatusCode));
        Assert.Contains("therapistId", (await foreignTherapist.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        var entry = (await otherDesk.ReadAsync<IReadOnlyList<WaitlistLineView>>($"/api/scheduling/locations/{elsewhere}/waitlist")).Single(e => e.Id == foreignEntry);
        Assert.Equal("Waiting", entry.Status);
        using var appointment = await admin.GetAsync(new Uri($"/api/scheduling/appointments/{appointmentId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, appointment.StatusCode);
        Assert.Contains(await admin.AuditAsync("scheduling", "/api/scheduling/appointments"), row => row.UserId == desk.Subject() && row.Outcome == "denied" && row.LocationId == elsewhere);
    }

    [Fact]
    public async Task Declining_without_an_offer_and_joining_for_the_past_are_refused()
    {
        using var desk = World.Desk;
        var entry = await JoinAsync(desk, await World.ClientAsync(), 32);
        var pastClient = Guid.CreateVersion7();

        using var decline = await desk.PostAsync(new Uri($"/api/scheduling/waitlist/{entry}/decline", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var past = await desk.PostAsJsonAsync(
            "/api/scheduling/waitlist",
            new JoinWaitlist(pastClient, World.LocationId, "NMT-60", null, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 2)),
            TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "No offer"), (decline.StatusCode, await decline.ProblemTitleAsync()));
        Assert.Equal("Waiting", (await EntryAsync(desk, entry)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.DoesNotContain(await WaitlistAsync(desk), e => e.ClientId == pastClient);
    }
}
