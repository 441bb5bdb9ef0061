using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NmtPractice.Scheduling.Practice;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Scheduling with a clock the test moves, for the holds of waitlist offers.</summary>
public sealed class WaitlistClockFixture : PracticeWorldFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string Purpose => "waitlisthold";

    protected override Type[] RecordedMessageTypes => [typeof(Published.WaitlistSlotOffered), typeof(Published.WaitlistOfferExpired)];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scheduling:WaitlistOfferHold"] = "02:00:00",
        ["Scheduling:WaitlistExpiryCheckInterval"] = "00:01:00",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// Rule: a slot offered from the waitlist is held for its client for two hours of the location's
/// business hours; when the hold runs out the client waits again (not to be offered that slot again)
/// and the slot passes to the next client in line, unless its therapist has been booked for it meanwhile.
/// The practice is open 08:00-20:00 every day.
/// </summary>
public sealed class WaitlistOfferExpiryTests(WaitlistClockFixture fixture) : IClassFixture<WaitlistClockFixture>
{
    private PracticeWorld World => fixture.World;

    /// <summary>A day at least <paramref name="after"/> days after the clock's local day, as days ahead of today (what <see cref="PracticeWorld.At"/> takes).</summary>
    private int DayAfterTheClock(int after) =>
        WeeklySchedule.LocalDate(fixture.Clock.GetUtcNow(), World.Zone).DayNumber - World.Day(0).DayNumber + after;

    private async Task<Guid> JoinAsync(HttpClient desk, int daysAhead)
    {
        var day = World.Day(daysAhead);
        using var joined = await desk.PostAsJsonAsync(
            "/api/scheduling/waitlist",
            new JoinWaitlist(await World.ClientAsync(), World.LocationId, "NMT-60", null, day.AddDays(-1), day.AddDays(1)),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        return await joined.IdOfAsync();
    }

    private async Task<WaitlistLineView> EntryAsync(HttpClient desk, Guid id) =>
        (await desk.ReadAsync<IReadOnlyList<WaitlistLineView>>($"/api/scheduling/locations/{World.LocationId}/waitlist")).Single(e => e.Id == id);

    private async Task<Published.WaitlistSlotOffered> OfferToAsync(Guid entry) =>
        (Published.WaitlistSlotOffered)(await fixture.Bus.WaitForAsync<Published.WaitlistSlotOffered>(m => m.WaitlistEntryId == entry)).Message;

    private async Task<Published.WaitlistOfferExpired> ExpiryOfAsync(Guid entry) =>
        (Published.WaitlistOfferExpired)(await fixture.Bus.WaitForAsync<Published.WaitlistOfferExpired>(m => m.WaitlistEntryId == entry)).Message;

    [Fact]
    public async Task An_offer_made_late_in_the_day_is_held_into_the_next_morning_then_passes_to_the_next_client()
    {
        using var desk = World.Desk;
        var day = DayAfterTheClock(2);
        fixture.Clock.SetUtcNow(World.At(19, daysAhead: day).ToUniversalTime());
        var slot = World.At(10, daysAhead: day + 2);
        var appointment = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), slot))).IdOfAsync();
        var first = await JoinAsync(desk, day + 2);
        var second = await JoinAsync(desk, day + 2);

        (await desk.CommandAsync(appointment, "cancel", new CancelAppointment("client-request"))).EnsureSuccessStatusCode();

        // Offered at 19:00: one hour before closing at 20:00, one hour after opening at 08:00.
        var heldUntil = World.At(9, daysAhead: day + 1);
        Assert.Equal(heldUntil, (await OfferToAsync(first)).HoldsUntil);
        var offered = await EntryAsync(desk, first);
        Assert.Equal("Offered", offered.Status);
        Assert.Equal(heldUntil, offered.Offer?.HoldsUntil);
        Assert.Equal("Waiting", (await EntryAsync(desk, second)).Status);

        var expiredAt = heldUntil.AddSeconds(30);
        fixture.Clock.SetUtcNow(expiredAt.ToUniversalTime());

        var expired = await ExpiryOfAsync(first);
        Assert.Equal(slot, expired.StartsAt);
        Assert.Equal(heldUntil, expired.HeldUntil);
        Assert.Equal(expiredAt.AddHours(2), (await OfferToAsync(second)).HoldsUntil);
        Assert.Equal("Waiting", (await EntryAsync(desk, first)).Status);
        Assert.Equal("Offered", (await EntryAsync(desk, second)).Status);

        // The second client lets it go too: nobody else waits for it, and the first is not offered it again.
        fixture.Clock.SetUtcNow(expiredAt.AddHours(2).AddSeconds(30).ToUniversalTime());

        await ExpiryOfAsync(second);
        var firstAfter = await EntryAsync(desk, first);
        var secondAfter = await EntryAsync(desk, second);
        Assert.Equal(("Waiting", null), (firstAfter.Status, firstAfter.Offer));
        Assert.Equal(("Waiting", null), (secondAfter.Status, secondAfter.Offer));
    }

    [Fact]
    public async Task A_slot_booked_meanwhile_is_not_passed_on_when_the_hold_ends()
    {
        using var desk = World.Desk;
        var day = DayAfterTheClock(2);
        fixture.Clock.SetUtcNow(World.At(12, daysAhead: day).ToUniversalTime());
        var slot = World.At(10, daysAhead: day + 2);
        var appointment = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), slot))).IdOfAsync();
        var first = await JoinAsync(desk, day + 2);
        var second = await JoinAsync(desk, day + 2);
        (await desk.CommandAsync(appointment, "cancel", new CancelAppointment("client-request"))).EnsureSuccessStatusCode();
        var heldUntil = (await OfferToAsync(first)).HoldsUntil;
        Assert.Equal(World.At(14, daysAhead: day), heldUntil);

        // Somebody rings and books the therapist at that time without the waitlist.
        using var booked = await desk.BookAsync(World.Booking(await World.ClientAsync(), slot));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        fixture.Clock.SetUtcNow(heldUntil!.Value.AddSeconds(30).ToUniversalTime());

        await ExpiryOfAsync(first);
        var secondAfter = await EntryAsync(desk, second);
        Assert.Equal(("Waiting", null), (secondAfter.Status, secondAfter.Offer));
        Assert.Equal("Waiting", (await EntryAsync(desk, first)).Status);
    }
}
