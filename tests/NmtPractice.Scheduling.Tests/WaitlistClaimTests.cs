using System.Net;
using System.Net.Http.Json;
using Npgsql;
using NmtPractice.Contracts.Notifications;
using NmtPractice.Testing;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Scheduling, recording the bookings, offers and refused claims it publishes.</summary>
public sealed class WaitlistClaimFixture : PracticeWorldFixture
{
    protected override string Purpose => "schedclaim";

    protected override Type[] RecordedMessageTypes =>
        [typeof(Published.AppointmentBooked), typeof(Published.WaitlistSlotOffered), typeof(Published.WaitlistClaimRefused)];
}

/// <summary>
/// Rule: a client takes the time a waitlist offer holds for them (by the link in the offer) as a
/// booking of their own: only while it is held, only the time on offer, behind the same booking rules
/// and screening gate as the front desk's bookings, and only once whichever link of the offer they
/// follow. A claim that may not be booked is refused with the reason, and nothing is booked.
/// </summary>
public sealed class WaitlistClaimTests(WaitlistClaimFixture fixture) : IClassFixture<WaitlistClaimFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task A_claim_within_the_hold_books_the_offered_time_as_the_client_and_a_second_link_books_nothing_more()
    {
        var (offer, client) = await OfferAsync(daysAhead: 20, hour: 10);
        var appointment = Guid.CreateVersion7();

        await fixture.Bus.PublishAsync(Claim(offer, appointment, DateTimeOffset.UtcNow), Guid.CreateVersion7());

        var booked = (Published.AppointmentBooked)(await fixture.Bus.WaitForAsync<Published.AppointmentBooked>(m => m.AppointmentId == appointment)).Message;
        Assert.Equal((client, offer.StartsAt, offer.TherapistId, offer.WaitlistEntryId), (booked.ClientId, booked.StartsAt, booked.TherapistId, booked.WaitlistEntryId));
        using var desk = World.Desk;
        var view = await desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{appointment}");
        Assert.Equal("Booked", view.Status);
        Assert.True(view.BookedByClient, "an appointment the client took by the offer's link shows as booked by the client");
        Assert.DoesNotContain(await desk.ReadAsync<IReadOnlyList<WaitlistLineView>>($"/api/scheduling/locations/{World.LocationId}/waitlist"), e => e.Id == offer.WaitlistEntryId);
        Assert.Equal($"client:{client:N}", await fixture.AuditedActorAsync(appointment, "create"));

        // The offer's other message (the text) carries the same appointment id: following it too books nothing more.
        var again = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(Claim(offer, appointment, DateTimeOffset.UtcNow, claimId: Guid.CreateVersion7()), again);
        await Eventually.UntilAsync("the second claim is handled", () => HandledAsync(again));
        Assert.Single(fixture.Bus.Received, m => m.Message is Published.AppointmentBooked b && b.WaitlistEntryId == offer.WaitlistEntryId);
        Assert.DoesNotContain(fixture.Bus.Received, m => m.Message is Published.WaitlistClaimRefused r && r.WaitlistEntryId == offer.WaitlistEntryId);

        // A forged claim of the fulfilled offer with another id is refused: the time is booked once.
        var forged = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(Claim(offer, forged, DateTimeOffset.UtcNow, claimId: Guid.CreateVersion7()), Guid.CreateVersion7());
        var refused = (Published.WaitlistClaimRefused)(await fixture.Bus.WaitForAsync<Published.WaitlistClaimRefused>(m => m.AppointmentId == forged)).Message;
        Assert.Equal("not-offered", refused.Reason);
        using var none = await desk.GetAsync(new Uri($"/api/scheduling/appointments/{forged}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task A_claim_after_the_hold_ran_out_is_refused_as_expired_and_books_nothing()
    {
        var (offer, _) = await OfferAsync(daysAhead: 21, hour: 11);
        var appointment = Guid.CreateVersion7();
        var claim = Claim(offer, appointment, offer.HoldsUntil!.Value);

        await fixture.Bus.PublishAsync(claim, Guid.CreateVersion7());

        var refused = (Published.WaitlistClaimRefused)(await fixture.Bus.WaitForAsync<Published.WaitlistClaimRefused>(m => m.AppointmentId == appointment)).Message;
        Assert.Equal((claim.ClaimId, offer.WaitlistEntryId, "expired"), (refused.ClaimId, refused.WaitlistEntryId, refused.Reason));
        await AssertNotBookedAsync(appointment, offer.WaitlistEntryId, "Offered");
    }

    [Fact]
    public async Task A_claim_of_a_time_the_desk_booked_meanwhile_is_refused_as_taken()
    {
        var (offer, _) = await OfferAsync(daysAhead: 22, hour: 12);
        using var desk = World.Desk;
        using var bookedByDesk = await desk.BookAsync(World.Booking(await World.ClientAsync(), offer.StartsAt));
        Assert.Equal(HttpStatusCode.Created, bookedByDesk.StatusCode);
        Assert.False((await bookedByDesk.ReadAsync<AppointmentView>()).BookedByClient, "the desk's booking is the clinic's");
        var appointment = Guid.CreateVersion7();

        await fixture.Bus.PublishAsync(Claim(offer, appointment, DateTimeOffset.UtcNow), Guid.CreateVersion7());

        var refused = (Published.WaitlistClaimRefused)(await fixture.Bus.WaitForAsync<Published.WaitlistClaimRefused>(m => m.AppointmentId == appointment)).Message;
        Assert.Equal("taken", refused.Reason);
        await AssertNotBookedAsync(appointment, offer.WaitlistEntryId, "Offered");
    }

    [Fact]
    public async Task A_claim_by_a_client_the_screening_gate_refuses_books_nothing_and_says_to_call_the_clinic()
    {
        var (offer, _) = await OfferAsync(daysAhead: 23, hour: 13, screening: "Contraindicated");
        var appointment = Guid.CreateVersion7();

        await fixture.Bus.PublishAsync(Claim(offer, appointment, DateTimeOffset.UtcNow), Guid.CreateVersion7());

        var refused = (Published.WaitlistClaimRefused)(await fixture.Bus.WaitForAsync<Published.WaitlistClaimRefused>(m => m.AppointmentId == appointment)).Message;
        Assert.Equal("not-bookable", refused.Reason);
        await AssertNotBookedAsync(appointment, offer.WaitlistEntryId, "Offered");
    }

    [Fact]
    public async Task A_claim_by_another_client_or_of_another_time_is_refused_as_not_offered()
    {
        var (offer, _) = await OfferAsync(daysAhead: 24, hour: 14);
        var stranger = Guid.CreateVersion7();
        var otherTime = Guid.CreateVersion7();

        await fixture.Bus.PublishAsync(Claim(offer, stranger, DateTimeOffset.UtcNow) with { ClientId = await World.ClientAsync() }, Guid.CreateVersion7());
        await fixture.Bus.PublishAsync(Claim(offer, otherTime, DateTimeOffset.UtcNow) with { StartsAt = offer.StartsAt.AddHours(1) }, Guid.CreateVersion7());

        foreach (var appointment in new[] { stranger, otherTime })
        {
            var refused = (Published.WaitlistClaimRefused)(await fixture.Bus.WaitForAsync<Published.WaitlistClaimRefused>(m => m.AppointmentId == appointment)).Message;
            Assert.Equal("not-offered", refused.Reason);
            await AssertNotBookedAsync(appointment, offer.WaitlistEntryId, "Offered");
        }
    }

    /// <summary>A client on the waitlist and the offer of a freed time to them.</summary>
    private async Task<(Published.WaitlistSlotOffered Offer, Guid Client)> OfferAsync(int daysAhead, int hour, string screening = "Cleared")
    {
        using var desk = World.Desk;
        var startsAt = World.At(hour, daysAhead: daysAhead);
        var freed = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), startsAt))).IdOfAsync();
        var client = await World.ClientAsync(screening);
        var day = World.Day(daysAhead);
        using var joined = await desk.PostAsJsonAsync(
            "/api/scheduling/waitlist", new JoinWaitlist(client, World.LocationId, "NMT-60", World.Therapist, day, day), TestContext.Current.CancellationToken);
        var entry = await joined.IdOfAsync();
        (await desk.CommandAsync(freed, "cancel", new CancelAppointment("client-illness"))).EnsureSuccessStatusCode();
        var offer = (Published.WaitlistSlotOffered)(await fixture.Bus.WaitForAsync<Published.WaitlistSlotOffered>(m => m.WaitlistEntryId == entry)).Message;
        Assert.NotNull(offer.HoldsUntil);
        return (offer, client);
    }

    private WaitlistOfferClaimed Claim(Published.WaitlistSlotOffered offer, Guid appointment, DateTimeOffset at, Guid? claimId = null) =>
        new(claimId ?? Guid.CreateVersion7(), appointment, offer.WaitlistEntryId, offer.ClientId, World.LocationId, offer.TherapistId, offer.StartsAt, "link", at);

    private async Task AssertNotBookedAsync(Guid appointment, Guid entry, string entryStatus)
    {
        using var desk = World.Desk;
        using var none = await desk.GetAsync(new Uri($"/api/scheduling/appointments/{appointment}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        var line = (await desk.ReadAsync<IReadOnlyList<WaitlistLineView>>($"/api/scheduling/locations/{World.LocationId}/waitlist")).Single(e => e.Id == entry);
        Assert.Equal(entryStatus, line.Status);
    }

    private async Task<bool> HandledAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select count(*) from scheduling.mt_doc_inboxrecord where data ->> 'messageId' = @id", connection);
        command.Parameters.AddWithValue("id", messageId.ToString());
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0;
    }
}
