using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Locations, rooms, therapists and services are managed through the API, validated, and scoped to managers' locations.</summary>
public sealed class PracticeStructureTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    public static TheoryData<string, string> BadLocations => new()
    {
        { """{"name":"X","address":{"line1":"1 St","city":"Boston","postalCode":"02116","country":"US"},"timeZone":"Eastern","openingHours":[]}""", "timeZone" },
        { """{"name":"X","address":{"line1":"1 St","city":"Boston","postalCode":"02116","country":"US"},"timeZone":"America/New_York","openingHours":[{"day":"Monday","from":"17:00","to":"09:00"}]}""", "openingHours" },
        { """{"name":"X","address":{"line1":"1 St","city":"Boston","postalCode":"02116","country":"US"},"timeZone":"America/New_York","openingHours":[{"day":"Monday","from":"09:00","to":"12:00"},{"day":"Monday","from":"11:00","to":"13:00"}]}""", "openingHours" },
        { """{"name":"","address":{"line1":"1 St","city":"Boston","postalCode":"02116","country":"US"},"timeZone":"America/New_York","openingHours":[]}""", "name" },
        { """{"name":"X","timeZone":"America/New_York","openingHours":[]}""", "address" },
        { """{"name":"X","address":{"line1":"1 St","city":"Boston","postalCode":"02116","country":"US"},"timeZone":"America/New_York","openingHours":[{"day":"Funday","from":"09:00","to":"12:00"}]}""", "openingHours[0].day" },
    };

    [Theory]
    [MemberData(nameof(BadLocations))]
    public async Task A_bad_location_is_a_400_naming_the_field(string json, string field)
    {
        using var admin = World.Admin;
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(new Uri("/api/scheduling/locations", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected {field} in {errors}");
    }

    [Fact]
    public async Task Service_codes_are_unique_and_validated()
    {
        using var admin = World.Admin;

        using var duplicate = await admin.PostAsJsonAsync("/api/scheduling/services", new DefineService("NMT-60", "Again", 60, 0, 1m, "USD"), TestContext.Current.CancellationToken);
        using var odd = await admin.PostAsJsonAsync("/api/scheduling/services", new { code = "NMT-61", name = "Odd", durationMinutes = 61, price = 1m, currency = "usd" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
        var errors = (await odd.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("durationMinutes", out _) && errors.TryGetProperty("currency", out _));
    }

    [Fact]
    public async Task Managers_change_only_their_own_locations_and_front_desks_change_none()
    {
        using var ownManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, World.LocationId);
        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        using var desk = World.Desk;

        using var own = await ownManager.PostAsJsonAsync($"/api/scheduling/locations/{World.LocationId}/rooms", new AddRoom(null, "Room C"), TestContext.Current.CancellationToken);
        using var other = await otherManager.PostAsJsonAsync($"/api/scheduling/locations/{World.LocationId}/rooms", new AddRoom(null, "Room D"), TestContext.Current.CancellationToken);
        using var byDesk = await desk.PostAsJsonAsync($"/api/scheduling/locations/{World.LocationId}/rooms", new AddRoom(null, "Room E"), TestContext.Current.CancellationToken);
        using var duplicateRoom = await ownManager.PostAsJsonAsync($"/api/scheduling/locations/{World.LocationId}/rooms", new AddRoom(null, "room a"), TestContext.Current.CancellationToken);
        using var newLocation = await ownManager.PostAsJsonAsync("/api/scheduling/locations", new { name = "Opened by a clinic manager" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byDesk.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicateRoom.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, newLocation.StatusCode);
        var location = await desk.ReadAsync<LocationView>($"/api/scheduling/locations/{World.LocationId}");
        var rooms = location.Rooms.Select(room => room.Name).ToList();
        Assert.Single(rooms, "Room C");
        Assert.DoesNotContain("Room D", rooms);
        Assert.DoesNotContain("Room E", rooms);
        Assert.Single(rooms, name => string.Equals(name, "room a", StringComparison.OrdinalIgnoreCase));
        var locations = await desk.ReadAsync<IReadOnlyList<LocationView>>("/api/scheduling/locations");
        Assert.DoesNotContain(locations, l => l.Name == "Opened by a clinic manager");
    }

    [Fact]
    public async Task A_therapists_services_change_with_if_match_and_bookings_follow_them()
    {
        using var admin = World.Admin;
        using var desk = World.Desk;
        using var elsewhere = World.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        using var registered = await admin.PostAsJsonAsync("/api/scheduling/therapists", new RegisterTherapist(null, "Robin Vale", ["NMT-60", "NMT-30"]), TestContext.Current.CancellationToken);
        var therapist = await registered.IdOfAsync();
        var hours = DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0));
        using var setHours = await admin.PutAsJsonAsync($"/api/scheduling/therapists/{therapist}/locations/{World.LocationId}/hours", new WorkingHours(hours), TestContext.Current.CancellationToken);
        var etag = setHours.Headers.ETag!.Tag;
        var path = $"/api/scheduling/therapists/{therapist}/services";

        using var withoutVersion = await admin.PutAsJsonAsync(path, new ChangeTherapistServices(["NMT-60"]), TestContext.Current.CancellationToken);
        using var unknown = await admin.SendAsync(WithIfMatch(HttpMethod.Put, path, new ChangeTherapistServices(["NMT-60", "HOT-STONE"]), etag), TestContext.Current.CancellationToken);
        using var empty = await admin.SendAsync(WithIfMatch(HttpMethod.Put, path, new ChangeTherapistServices([]), etag), TestContext.Current.CancellationToken);
        using var notTheirs = await elsewhere.SendAsync(WithIfMatch(HttpMethod.Put, path, new ChangeTherapistServices(["NMT-60"]), etag), TestContext.Current.CancellationToken);
        using var changed = await admin.SendAsync(WithIfMatch(HttpMethod.Put, path, new ChangeTherapistServices(["NMT-60"]), etag), TestContext.Current.CancellationToken);
        using var stale = await admin.SendAsync(WithIfMatch(HttpMethod.Put, path, new ChangeTherapistServices(["NMT-30"]), etag), TestContext.Current.CancellationToken);
        using var thirty = await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(9, daysAhead: 44), therapistId: therapist, service: "NMT-30"));
        using var sixty = await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(11, daysAhead: 44), therapistId: therapist, service: "NMT-60"));

        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("HOT-STONE", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["NMT-60"], (await changed.ReadAsync<TherapistView>()).Services);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, thirty.StatusCode);
        Assert.Equal("Service not offered", await thirty.ProblemTitleAsync());
        Assert.Equal(HttpStatusCode.Created, sixty.StatusCode);
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string path, object body, string etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task Opening_hours_change_with_if_match_and_time_off_lists_the_appointments_it_overlaps()
    {
        using var admin = World.Admin;
        using var desk = World.Desk;
        var booked = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(10, daysAhead: 45), therapistId: World.OtherTherapist))).IdOfAsync();
        using var read = await admin.GetAsync(new Uri($"/api/scheduling/locations/{World.LocationId}", UriKind.Relative), TestContext.Current.CancellationToken);
        var etag = read.Headers.ETag!.Tag;
        var hours = new ChangeOpeningHours(DayHours.EveryDay(new TimeOnly(7, 0), new TimeOnly(21, 0)));

        using var withoutVersion = await admin.PutAsJsonAsync($"/api/scheduling/locations/{World.LocationId}/opening-hours", hours, TestContext.Current.CancellationToken);
        using var change = new HttpRequestMessage(HttpMethod.Put, $"/api/scheduling/locations/{World.LocationId}/opening-hours") { Content = JsonContent.Create(hours) };
        change.Headers.TryAddWithoutValidation("If-Match", etag);
        using var changed = await admin.SendAsync(change, TestContext.Current.CancellationToken);
        using var timeOff = await admin.PostAsJsonAsync(
            $"/api/scheduling/therapists/{World.OtherTherapist}/time-off",
            new BookTimeOff(World.At(8, daysAhead: 45), World.At(18, daysAhead: 45), "Conference"),
            TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal([booked], (await timeOff.ReadAsync<TimeOffView>()).ConflictingAppointments);
    }
}
