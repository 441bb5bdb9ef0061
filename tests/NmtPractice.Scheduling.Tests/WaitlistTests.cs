using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
            new { clientId = client, locationId = World.LocationId, serviceCode = "NMT-60", therapistId = therapist, from = day.AddDays(-1), to = day.AddDays(1) },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        return await PracticeWorld.IdOf(joined);
    }

    private async Task<JsonElement> EntryAsync(HttpClient desk, Guid id) =>
        (await desk.GetFromJsonAsync<JsonElement>(new Uri($"/api/scheduling/locations/{World.LocationId}/waitlist", UriKind.Relative), TestContext.Current.CancellationToken))
            .EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task A_cancelled_slot_goes_to_the_longest_waiting_match_then_to_the_next_when_declined()
    {
        using var desk = World.Desk;
        var startsAt = World.At(10, daysAhead: 30);
        var appointment = await PracticeWorld.IdOf(await desk.BookAsync(World.Booking(await World.ClientAsync(), startsAt)));
        var first = await JoinAsync(desk, await World.ClientAsync(), 30);
        var otherTherapistOnly = await JoinAsync(desk, await World.ClientAsync(), 30, World.OtherTherapist);
        var second = await JoinAsync(desk, await World.ClientAsync(), 30);

        (await desk.CommandAsync(appointment, "cancel", new { reason = "client-illness" })).EnsureSuccessStatusCode();

        var offer = (Published.WaitlistSlotOffered)(await fixture.Bus.WaitForAsync<Published.WaitlistSlotOffered>(m => m.WaitlistEntryId == first)).Message;
        Assert.Equal(startsAt, offer.StartsAt);
        Assert.Equal(World.Therapist, offer.TherapistId);
        var offered = await EntryAsync(desk, first);
        Assert.Equal("Offered", offered.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(offered.GetProperty("clientName").GetString()), "the desk sees whom the slot is offered to");

        using var declined = await desk.PostAsync(new Uri($"/api/scheduling/waitlist/{first}/decline", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);

        await fixture.Bus.WaitForAsync<Published.WaitlistSlotOffered>(m => m.WaitlistEntryId == second);
        Assert.Equal("Waiting", (await EntryAsync(desk, first)).GetProperty("status").GetString());
        Assert.Equal("Waiting", (await EntryAsync(desk, otherTherapistOnly)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Booking_from_the_waitlist_fulfils_the_entry()
    {
        using var desk = World.Desk;
        var client = await World.ClientAsync();
        var entry = await JoinAsync(desk, client, 31);

        using var booked = await desk.BookAsync(new
        {
            clientId = client,
            locationId = World.LocationId,
            therapistId = World.Therapist,
            serviceCode = "NMT-60",
            startsAt = World.At(15, daysAhead: 31),
            waitlistEntryId = entry,
        });
        var open = await desk.GetFromJsonAsync<JsonElement>(new Uri($"/api/scheduling/locations/{World.LocationId}/waitlist", UriKind.Relative), TestContext.Current.CancellationToken);
        using var withdrawAfter = await desk.PostAsync(new Uri($"/api/scheduling/waitlist/{entry}/withdraw", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.DoesNotContain(open.EnumerateArray(), e => e.GetProperty("id").GetGuid() == entry);
        Assert.Equal(HttpStatusCode.Conflict, withdrawAfter.StatusCode);
        var id = await PracticeWorld.IdOf(booked);
        await fixture.Bus.WaitForAsync<Published.AppointmentBooked>(message => message.AppointmentId == id && message.WaitlistEntryId == entry);
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
            new { clientId = pastClient, locationId = World.LocationId, serviceCode = "NMT-60", from = "2020-01-01", to = "2020-01-02" },
            TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "No offer"), (decline.StatusCode, await decline.ProblemTitleAsync()));
        Assert.Equal("Waiting", (await EntryAsync(desk, entry)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var waitlist = await desk.GetFromJsonAsync<JsonElement>(new Uri($"/api/scheduling/locations/{World.LocationId}/waitlist", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(waitlist.EnumerateArray(), e => e.GetProperty("clientId").GetGuid() == pastClient);
    }
}
