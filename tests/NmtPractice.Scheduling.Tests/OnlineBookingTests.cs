using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Testing;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Scheduling with a clock the test moves: the public answers are kept for half a minute of it.</summary>
public sealed class OnlineBookingFixture : PracticeWorldFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string Purpose => "online";

    protected override Type[] RecordedMessageTypes => [];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// Rule: a location takes bookings online only once a manager of it opens them, for the services the
/// policy names; anyone may then read, without signing in, the location, those services with their
/// length and price, who offers them, and the free times: no earlier than the minimum notice, no
/// further ahead than the horizon. A location that does not take online bookings answers as one that
/// does not exist. Public answers are kept for half a minute (the booking itself is checked again).
/// </summary>
public sealed class OnlineBookingTests(OnlineBookingFixture fixture) : IClassFixture<OnlineBookingFixture>
{
    private PracticeWorld World => fixture.World;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string PolicyPath(Guid location) => $"/api/scheduling/locations/{location}/online-booking";

    private HttpClient ManagerOf(Guid location) => fixture.Host.CreateClientAs(NmtRoles.ClinicManager, location);

    /// <summary>No token at all: what a visitor of the public booking pages sends.</summary>
    private HttpClient Anyone => fixture.Host.CreateClient();

    [Fact]
    public async Task A_manager_opens_online_booking_with_the_version_read_and_refused_policies_change_nothing()
    {
        // A location of its own: a new location has never taken online bookings.
        var clinic = Guid.CreateVersion7();
        using (var admin = World.Admin)
        {
            await new PracticeBuilder()
                .Location(new OpenLocation(clinic, "Fenway", PostalAddress.Boston("4 Jersey St"), PracticeWorld.TimeZone, DayHours.EveryDay(new TimeOnly(8, 0), new TimeOnly(18, 0))))
                .BuildAsync(admin, Cancel);
        }

        using var anyone = Anyone;
        using var manager = ManagerOf(clinic);
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, clinic);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.DoesNotContain(await anyone.ReadAsync<IReadOnlyList<BookableLocationView>>("/api/scheduling/public/locations"), l => l.Id == clinic);
        var (closed, etag) = await PolicyAsync(manager, clinic);
        Assert.False(closed.Open);

        var good = new OnlinePolicy(true, ["nmt-60"], 14, 24, false, 48);
        using var byDesk = await desk.SendAsync(Put(clinic, good, etag), Cancel);
        using var withoutVersion = await manager.PutAsJsonAsync(PolicyPath(clinic), good, Cancel);
        using var unknownService = await manager.SendAsync(Put(clinic, good with { ServiceCodes = ["NMT-60", "HOT-STONE"] }, etag), Cancel);
        using var openWithNothing = await manager.SendAsync(Put(clinic, good with { ServiceCodes = [] }, etag), Cancel);
        using var noHorizon = await manager.SendAsync(Put(clinic, good with { BookAheadDays = 0 }, etag), Cancel);
        using var missingFields = await manager.SendAsync(Put(clinic, new { open = true, serviceCodes = new[] { "NMT-60" } }, etag), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, byDesk.StatusCode);
        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(["serviceCodes"], await ErrorFieldsAsync(unknownService));
        Assert.Contains("HOT-STONE", await unknownService.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(["serviceCodes"], await ErrorFieldsAsync(openWithNothing));
        Assert.Equal(["bookAheadDays"], await ErrorFieldsAsync(noHorizon));
        Assert.Equal(["bookAheadDays", "cancellationNoticeHours", "minimumNoticeHours", "newClients"], await ErrorFieldsAsync(missingFields));
        var (unchanged, sameEtag) = await PolicyAsync(manager, clinic);
        Assert.Equal((closed, etag), (unchanged, sameEtag));

        using var opened = await manager.SendAsync(Put(clinic, good, etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var stale = await manager.SendAsync(Put(clinic, good with { Open = false }, etag), Cancel);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var (stored, newEtag) = await PolicyAsync(manager, clinic);
        Assert.Equal(new OnlinePolicy(true, ["NMT-60"], 14, 24, false, 48), stored);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(opened.Headers.ETag!.Tag, newEtag);
    }

    [Fact]
    public async Task Anyone_reads_an_open_location_with_only_its_online_services_their_price_and_who_offers_them_and_a_closed_one_as_unknown()
    {
        await OpenAsync(new OnlinePolicy(true, ["NMT-60"], 30, 0, true, 24));
        using var anyone = Anyone;

        var location = Assert.Single(await anyone.ReadAsync<IReadOnlyList<BookableLocationView>>("/api/scheduling/public/locations"), l => l.Id == World.LocationId);
        Assert.Equal(("Back Bay", PracticeWorld.TimeZone, 30, true), (location.Name, location.TimeZone, location.BookAheadDays, location.NewClients));
        var service = Assert.Single(location.Services);
        Assert.Equal(("NMT-60", 60), (service.Code, service.DurationMinutes));
        Assert.True(service.Price > 0);
        Assert.Equal([World.OtherTherapist, World.Therapist], location.Therapists.Select(t => t.Id).ToList());
        Assert.All(location.Therapists, t => Assert.Equal(["NMT-60"], t.ServiceCodes));

        // A service the location does not offer online, and a location that does not take online bookings, answer 404 alike.
        using var thirty = await anyone.GetAsync(Times(World.LocationId, "NMT-30"), Cancel);
        Assert.Equal((HttpStatusCode.NotFound, "Service not offered online"), (thirty.StatusCode, await thirty.ProblemTitleAsync()));
        using var unknown = await anyone.GetAsync(Times(Guid.CreateVersion7(), "NMT-60"), Cancel);
        await CloseAsync();
        using var closed = await anyone.GetAsync(Times(World.LocationId, "NMT-60"), Cancel);
        Assert.Equal((HttpStatusCode.NotFound, "Location not found"), (unknown.StatusCode, await unknown.ProblemTitleAsync()));
        Assert.Equal((HttpStatusCode.NotFound, "Location not found"), (closed.StatusCode, await closed.ProblemTitleAsync()));
        Assert.DoesNotContain(await anyone.ReadAsync<IReadOnlyList<BookableLocationView>>("/api/scheduling/public/locations"), l => l.Id == World.LocationId);
    }

    [Fact]
    public async Task Online_times_start_no_earlier_than_the_minimum_notice_and_end_at_the_horizon()
    {
        // The clock at 08:00 tomorrow at the location; therapists work 09:00-17:00.
        fixture.Clock.SetUtcNow(World.At(8, daysAhead: 1).ToUniversalTime());
        await OpenAsync(new OnlinePolicy(true, ["NMT-60"], 14, 25, true, 24));
        using var anyone = Anyone;

        var near = await anyone.ReadAsync<OnlineTimesView>(Times(World.LocationId, "NMT-60", World.Day(1), World.Day(3)).ToString());
        Assert.Equal((World.Day(1), World.Day(3)), (near.From, near.To));
        // 25 hours' notice: nothing tomorrow, and the day after from a quarter past nine (09:00 is exactly 25 hours ahead).
        Assert.Equal(World.At(9, 15, daysAhead: 2), near.Times.Min(t => t.StartsAt));
        Assert.Equal(2, near.Times.Count(t => t.StartsAt == World.At(10, daysAhead: 2)));
        Assert.All(near.Times, t => Assert.True(t.StartsAt >= fixture.Clock.GetUtcNow().AddHours(25), $"{t.StartsAt} is inside the notice"));

        // Asked past the horizon (14 days from the clock's day): searched up to it, and said so.
        var far = await anyone.ReadAsync<OnlineTimesView>(Times(World.LocationId, "NMT-60", World.Day(10), World.Day(20)).ToString());
        Assert.Equal((World.Day(10), World.Day(15)), (far.From, far.To));
        Assert.Equal(World.Day(15), DateOnly.FromDateTime(far.Times.Max(t => t.StartsAt).DateTime));

        using var beyond = await anyone.GetAsync(Times(World.LocationId, "NMT-60", World.Day(16), World.Day(18)), Cancel);
        Assert.Equal(["from"], await ErrorFieldsAsync(beyond));
    }

    [Fact]
    public async Task A_booked_time_leaves_the_public_times_once_the_half_minute_they_are_kept_has_passed()
    {
        await OpenAsync(new OnlinePolicy(true, ["NMT-60"], 60, 0, true, 24));
        using var anyone = Anyone;
        using var desk = World.Desk;
        var path = Times(World.LocationId, "NMT-60", World.Day(40), World.Day(40), World.Therapist).ToString();
        var ten = World.At(10, daysAhead: 40);
        Assert.Contains((await anyone.ReadAsync<OnlineTimesView>(path)).Times, t => t.StartsAt == ten);

        using var booked = await desk.BookAsync(World.Booking(await World.ClientAsync(), ten));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Contains((await anyone.ReadAsync<OnlineTimesView>(path)).Times, t => t.StartsAt == ten);

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        var after = await anyone.ReadAsync<OnlineTimesView>(path);
        Assert.DoesNotContain(after.Times, t => t.StartsAt < ten.AddHours(1).AddMinutes(15) && t.StartsAt > ten.AddHours(-1).AddMinutes(-15));
        Assert.Contains(after.Times, t => t.StartsAt == ten.AddHours(2));
    }

    [Fact]
    public async Task A_signed_in_client_books_a_time_for_their_own_record_and_the_appointment_says_they_booked_it()
    {
        await OpenAsync(new OnlinePolicy(true, ["NMT-60"], 60, 12, true, 24));
        var client = await World.ClientAsync("ClearedWithPrecautions");
        var someoneElse = await World.ClientAsync();
        using var portal = fixture.Host.CreateClient().WithToken(TestTokens.ForClient(client));
        using var desk = World.Desk;
        var ten = World.At(10, daysAhead: 21);

        using var forSomeoneElse = await portal.PostAsJsonAsync(OnlineBookings, Online(someoneElse, ten), Cancel);
        using var byTheDesk = await desk.PostAsJsonAsync(OnlineBookings, Online(client, ten), Cancel);
        using var booked = await portal.PostAsJsonAsync(OnlineBookings, Online(client, ten), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forSomeoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTheDesk.StatusCode);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Empty((await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{someoneElse}/appointments")).Upcoming);
        var mine = Assert.Single((await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments")).Upcoming);
        // Booked as the client asked, marked as theirs, with nothing left for the desk to settle.
        Assert.Equal((ten, "Booked", true, 0), (mine.StartsAt, mine.Status, mine.BookedByClient, mine.Flags.Count));

        // The client reads it back as their own, named as a client knows it (not by ids).
        var own = await portal.GetFromJsonAsync<JsonElement>($"/api/scheduling/clients/{client}/appointments", Cancel);
        var names = Assert.Single(own.GetProperty("upcoming").EnumerateArray()).GetProperty("names");
        Assert.Equal(("Back Bay", "NMT 60 minutes"), (names.GetProperty("location").GetString(), names.GetProperty("service").GetString()));
        Assert.False(string.IsNullOrEmpty(names.GetProperty("therapist").GetString()));
        using var notTheirs = await portal.GetAsync(new Uri($"/api/scheduling/clients/{someoneElse}/appointments", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);

        // The time is no longer free: the rules every booking meets still hold.
        var other = await World.ClientAsync();
        using var secondPortal = fixture.Host.CreateClient().WithToken(TestTokens.ForClient(other));
        using var taken = await secondPortal.PostAsJsonAsync(OnlineBookings, Online(other, ten), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }

    [Theory]
    [InlineData(null, "intake-needed")]
    [InlineData("PhysicianClearanceRequired", "clearance-needed")]
    [InlineData("Contraindicated", "call-the-clinic")]
    public async Task Online_the_screening_decides_alone_and_a_refusal_books_nothing(string? screening, string reason)
    {
        await OpenAsync(new OnlinePolicy(true, ["NMT-60"], 60, 12, true, 24));
        var client = await World.ClientAsync(screening);
        using var portal = fixture.Host.CreateClient().WithToken(TestTokens.ForClient(client));

        using var refused = await portal.PostAsJsonAsync(OnlineBookings, Online(client, World.At(11, daysAhead: 22)), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(reason, (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("reason").GetString());
        using var desk = World.Desk;
        Assert.Empty((await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments")).Upcoming);
    }

    [Fact]
    public async Task Online_the_locations_policy_holds_notice_and_horizon_and_a_location_closed_online_is_unknown()
    {
        await OpenAsync(new OnlinePolicy(true, ["NMT-60"], 30, 48, true, 24));
        var client = await World.ClientAsync();
        using var portal = fixture.Host.CreateClient().WithToken(TestTokens.ForClient(client));

        async Task<string?> ReasonAsync(object body)
        {
            using var response = await portal.PostAsJsonAsync(OnlineBookings, body, Cancel);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("reason").GetString();
        }

        var soon = WeeklySchedule.InZone(fixture.Clock.GetUtcNow().AddHours(24), World.Zone);
        var soonOnTheGrid = soon.AddMinutes(5 - (soon.Minute % 5)).AddSeconds(-soon.Second);
        Assert.Equal("too-soon", await ReasonAsync(Online(client, soonOnTheGrid)));
        Assert.Equal("too-far-ahead", await ReasonAsync(Online(client, World.At(10, daysAhead: 40))));
        Assert.Equal("not-offered", await ReasonAsync(Online(client, World.At(10, daysAhead: 10)) with { ServiceCode = "NMT-30" }));

        await CloseAsync();
        using var closed = await portal.PostAsJsonAsync(OnlineBookings, Online(client, World.At(10, daysAhead: 10)), Cancel);
        Assert.Equal((HttpStatusCode.NotFound, "Location not found"), (closed.StatusCode, await closed.ProblemTitleAsync()));
        using var desk = World.Desk;
        Assert.Empty((await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments")).Upcoming);
    }

    [Fact]
    public async Task A_client_moves_and_cancels_their_own_booking_online_outside_the_notice_and_inside_it_is_asked_to_call()
    {
        // 72 hours' notice to change online; at least 12 hours' notice to book.
        await OpenAsync(new OnlinePolicy(true, ["NMT-60"], 60, 12, true, 72));
        var client = await World.ClientAsync();
        var someoneElse = await World.ClientAsync();
        using var portal = fixture.Host.CreateClient().WithToken(TestTokens.ForClient(client));
        using var otherPortal = fixture.Host.CreateClient().WithToken(TestTokens.ForClient(someoneElse));
        using var desk = World.Desk;
        var id = await BookOnlineAsync(portal, client, World.At(10, daysAhead: 24));

        using var movedByOther = await otherPortal.PostAsJsonAsync($"{OnlineBookings}/{id}/reschedule", new { startsAt = World.At(14, daysAhead: 24) }, Cancel);
        using var cancelledByOther = await otherPortal.PostAsync(new Uri($"{OnlineBookings}/{id}/cancel", UriKind.Relative), null, Cancel);
        using var cancelledByDesk = await desk.PostAsync(new Uri($"{OnlineBookings}/{id}/cancel", UriKind.Relative), null, Cancel);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (movedByOther.StatusCode, cancelledByOther.StatusCode, cancelledByDesk.StatusCode));

        using var tooSoon = await portal.PostAsJsonAsync($"{OnlineBookings}/{id}/reschedule", new { startsAt = WeeklySchedule.InZone(fixture.Clock.GetUtcNow().AddHours(1), World.Zone) }, Cancel);
        Assert.Equal("too-soon", (await tooSoon.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("reason").GetString());
        using var moved = await portal.PostAsJsonAsync($"{OnlineBookings}/{id}/reschedule", new { startsAt = World.At(14, daysAhead: 24) }, Cancel);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var afterMove = Assert.Single((await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments")).Upcoming);
        Assert.Equal((World.At(14, daysAhead: 24), "Booked"), (afterMove.StartsAt, afterMove.Status));

        using var cancelled = await portal.PostAsync(new Uri($"{OnlineBookings}/{id}/cancel", UriKind.Relative), null, Cancel);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var gone = Assert.Single((await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments")).Past);
        Assert.Equal(("Cancelled", false), (gone.Status, gone.LateCancellation));
        using var again = await portal.PostAsync(new Uri($"{OnlineBookings}/{id}/cancel", UriKind.Relative), null, Cancel);
        Assert.Equal("not-booked", (await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("reason").GetString());

        // Two days ahead is inside the 72 hours: the client is asked to call, and the appointment stays.
        var soon = await BookOnlineAsync(portal, client, World.At(16, daysAhead: 2));
        using var late = await portal.PostAsync(new Uri($"{OnlineBookings}/{soon}/cancel", UriKind.Relative), null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("call-to-change", (await late.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("reason").GetString());
        Assert.Contains((await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments")).Upcoming, a => a.Id == soon && a.Status == "Booked");
    }

    private async Task<Guid> BookOnlineAsync(HttpClient portal, Guid client, DateTimeOffset startsAt)
    {
        using var booked = await portal.PostAsJsonAsync(OnlineBookings, Online(client, startsAt), Cancel);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync(Cancel));
        return (await booked.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
    }

    private const string OnlineBookings = "/api/scheduling/online-bookings";

    private OnlineBooking Online(Guid client, DateTimeOffset startsAt) => new(client, World.LocationId, World.Therapist, "nmt-60", startsAt);

    private sealed record OnlineBooking(Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, DateTimeOffset StartsAt);

    [Theory]
    [InlineData("", "serviceCode")]
    [InlineData("&from=2030-01-10&to=2030-01-09", "to")]
    [InlineData("&from=2030-01-01&to=2030-01-20", "to")]
    public async Task A_bad_search_is_refused_naming_the_field(string query, string field)
    {
        using var anyone = Anyone;
        var serviceCode = field == "serviceCode" ? "" : "?serviceCode=NMT-60";
        using var response = await anyone.GetAsync(new Uri($"/api/scheduling/public/locations/{World.LocationId}/times{serviceCode}{query}", UriKind.Relative), Cancel);
        Assert.Equal([field], await ErrorFieldsAsync(response));
    }

    /// <summary>Sets the world location's policy, and moves the clock past what the public answers keep.</summary>
    private async Task OpenAsync(OnlinePolicy policy)
    {
        using var manager = ManagerOf(World.LocationId);
        var (_, etag) = await PolicyAsync(manager, World.LocationId);
        using var response = await manager.SendAsync(Put(World.LocationId, policy, etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
    }

    private Task CloseAsync() => OpenAsync(new OnlinePolicy(false, [], 60, 12, true, 24));

    private static async Task<(OnlinePolicy Policy, string ETag)> PolicyAsync(HttpClient client, Guid location)
    {
        using var response = await client.GetAsync(new Uri($"/api/scheduling/locations/{location}", UriKind.Relative), Cancel);
        return ((await response.ReadAsync<LocationWithPolicy>()).OnlineBooking, response.Headers.ETag!.Tag);
    }

    private static HttpRequestMessage Put(Guid location, object body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, PolicyPath(location)) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private static Uri Times(Guid location, string serviceCode, DateOnly? from = null, DateOnly? to = null, Guid? therapist = null) =>
        new($"/api/scheduling/public/locations/{location}/times?serviceCode={serviceCode}" +
            (from is { } f ? $"&from={f:yyyy-MM-dd}" : "") + (to is { } t ? $"&to={t:yyyy-MM-dd}" : "") + (therapist is { } th ? $"&therapistId={th}" : ""),
            UriKind.Relative);

    /// <summary>The fields a 400 names, in order; fails on any other status.</summary>
    private static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
    }

    private sealed record OnlinePolicy(bool Open, IReadOnlyList<string> ServiceCodes, int BookAheadDays, int MinimumNoticeHours, bool NewClients, int CancellationNoticeHours)
    {
        public bool Equals(OnlinePolicy? other) =>
            other is not null && (Open, BookAheadDays, MinimumNoticeHours, NewClients, CancellationNoticeHours) == (other.Open, other.BookAheadDays, other.MinimumNoticeHours, other.NewClients, other.CancellationNoticeHours)
            && ServiceCodes.SequenceEqual(other.ServiceCodes);

        public override int GetHashCode() => HashCode.Combine(Open, BookAheadDays, MinimumNoticeHours, NewClients, CancellationNoticeHours);
    }

    private sealed record LocationWithPolicy(Guid Id, OnlinePolicy OnlineBooking);

    private sealed record BookableServiceView(string Code, string Name, int DurationMinutes, decimal Price, string Currency);

    private sealed record BookableTherapistView(Guid Id, string Name, IReadOnlyList<string> ServiceCodes);

    private sealed record BookableLocationView(
        Guid Id, string Name, string TimeZone, IReadOnlyList<BookableServiceView> Services, IReadOnlyList<BookableTherapistView> Therapists, int BookAheadDays, bool NewClients);

    private sealed record OnlineTimeView(Guid TherapistId, string TherapistName, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    private sealed record OnlineTimesView(DateOnly From, DateOnly To, IReadOnlyList<OnlineTimeView> Times);
}
