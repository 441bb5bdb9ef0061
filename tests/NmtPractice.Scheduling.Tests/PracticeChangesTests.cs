using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Practice;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// A practice structure that changes: a location renamed, readdressed or moved to another time zone
/// (only when no upcoming appointment's local time would change), rooms renamed and retired (their
/// upcoming appointments listed, or moved to free rooms when asked). Each test has a clinic of its own.
/// </summary>
public sealed class PracticeChangesTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private const string NewYork = OwnClinic.TimeZoneId;
    private static readonly TimeZoneInfo Zone = OwnClinic.Zone;

    private PracticeWorld World => fixture.World;

    private Task<OwnClinic> ClinicAsync() => OwnClinic.OpenAsync(fixture, "Fenway", "Noor Haddad", "Ines Duarte");

    private static DateTimeOffset At(int daysAhead, int hour) => OwnClinic.At(daysAhead, hour);

    private async Task<Guid> BookAsync(OwnClinic clinic, DateTimeOffset startsAt, Guid therapist, Guid room)
    {
        var client = await World.ClientAsync(homeLocation: clinic.Id);
        using var booked = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, therapist, "NMT-60", startsAt, room));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return await booked.IdOfAsync();
    }

    private static async Task<(JsonElement Location, string ETag)> ReadAsync(HttpClient client, Guid location)
    {
        using var read = await client.GetAsync(new Uri($"/api/scheduling/locations/{location}", UriKind.Relative), TestContext.Current.CancellationToken);
        read.EnsureSuccessStatusCode();
        return (await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken), read.Headers.ETag!.Tag);
    }

    /// <summary>The ETag of what <paramref name="path"/> reads, as <paramref name="client"/> reads it.</summary>
    private static async Task<string> ETagAsync(HttpClient client, string path)
    {
        using var read = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        read.EnsureSuccessStatusCode();
        return read.Headers.ETag!.Tag;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string? etag)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static object Details(string name, string timeZone) =>
        new { name, address = new { line1 = "5 Yawkey Way", city = "Boston", region = "MA", postalCode = "02215", country = "US" }, timeZone };

    private static IReadOnlyList<Guid> Listed(JsonElement problem) =>
        [.. problem.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("appointmentId").GetGuid())];

    [Fact]
    public async Task A_location_is_renamed_and_readdressed_with_if_match_and_the_other_services_hear_of_it()
    {
        using var clinic = await ClinicAsync();
        var (_, etag) = await ReadAsync(clinic.Manager, clinic.Id);

        using var withoutVersion = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}", Details("Fenway Park", NewYork), null);
        using var bad = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}", Details("", NewYork), etag);
        using var renamed = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}", Details("Fenway Park", NewYork), etag);
        using var stale = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}", Details("Fenway Again", NewYork), etag);

        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var (location, _) = await ReadAsync(clinic.Manager, clinic.Id);
        Assert.Equal("Fenway Park", location.GetProperty("name").GetString());
        Assert.Equal("5 Yawkey Way", location.GetProperty("address").GetProperty("line1").GetString());
        await fixture.Bus.WaitForAsync<Published.LocationPublished>(m => m.LocationId == clinic.Id && m.Name == "Fenway Park" && m.OpeningHours.Count == 7);
    }

    [Fact]
    public async Task A_time_zone_that_would_move_upcoming_appointments_is_refused_with_the_list_and_one_that_would_not_is_taken()
    {
        using var clinic = await ClinicAsync();
        var booked = await BookAsync(clinic, At(10, 10), clinic.Therapist1, clinic.Room1);
        var (_, etag) = await ReadAsync(clinic.Manager, clinic.Id);

        // Chicago is an hour behind: the 10:00 appointment would show at 09:00.
        using var chicago = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}", Details("Fenway", "America/Chicago"), etag);
        Assert.Equal(HttpStatusCode.Conflict, chicago.StatusCode);
        var problem = await chicago.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal([booked], Listed(problem));
        var (unchanged, sameTag) = await ReadAsync(clinic.Manager, clinic.Id);
        Assert.Equal((NewYork, etag), (unchanged.GetProperty("timeZone").GetString(), sameTag));

        // Detroit keeps New York's clocks: nothing moves, so the correction is taken and published.
        using var detroit = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}", Details("Fenway", "America/Detroit"), etag);
        Assert.Equal(HttpStatusCode.OK, detroit.StatusCode);
        await fixture.Bus.WaitForAsync<Published.LocationPublished>(m => m.LocationId == clinic.Id && m.TimeZone == "America/Detroit");

        // Once the appointment is cancelled, nothing upcoming stands in the way.
        (await clinic.Desk.CommandAsync(booked, "cancel", new CancelAppointment("client-request"))).EnsureSuccessStatusCode();
        var (_, next) = await ReadAsync(clinic.Manager, clinic.Id);
        using var afterCancel = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}", Details("Fenway", "America/Chicago"), next);
        Assert.Equal(HttpStatusCode.OK, afterCancel.StatusCode);
    }

    [Fact]
    public async Task A_room_with_upcoming_appointments_is_retired_only_by_moving_them_to_rooms_free_at_their_time()
    {
        using var clinic = await ClinicAsync();
        var inRoom1 = await BookAsync(clinic, At(12, 10), clinic.Therapist1, clinic.Room1);
        var inRoom2 = await BookAsync(clinic, At(12, 10), clinic.Therapist2, clinic.Room2);
        var retire = $"/api/scheduling/locations/{clinic.Id}/rooms/{clinic.Room1}/retire";

        // Asked plainly: refused with the appointment to move.
        var (_, etag) = await ReadAsync(clinic.Manager, clinic.Id);
        using var plain = await SendAsync(clinic.Manager, HttpMethod.Post, retire, new { moveAppointments = false }, etag);
        Assert.Equal(HttpStatusCode.Conflict, plain.StatusCode);
        Assert.Equal([inRoom1], Listed(await plain.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)));

        // Asked to move: Room 2 is taken at 10:00, so there is nowhere to go and nothing changes.
        using var nowhere = await SendAsync(clinic.Manager, HttpMethod.Post, retire, new { moveAppointments = true }, etag);
        Assert.Equal(HttpStatusCode.Conflict, nowhere.StatusCode);
        Assert.Equal("No free room", (await nowhere.ReadAsync<Problem>()).Title);
        Assert.Equal(clinic.Room1, (await clinic.Desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{inRoom1}")).RoomId);

        // With a third room the appointment moves there, in the same commit as the retirement.
        var room3 = Guid.CreateVersion7();
        (await clinic.Manager.PostAsJsonAsync($"/api/scheduling/locations/{clinic.Id}/rooms", new AddRoom(room3, "Room 3"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var (_, withRoom3) = await ReadAsync(clinic.Manager, clinic.Id);
        using var moved = await SendAsync(clinic.Manager, HttpMethod.Post, retire, new { moveAppointments = true }, withRoom3);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(room3, (await clinic.Desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{inRoom1}")).RoomId);
        Assert.Equal(clinic.Room2, (await clinic.Desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{inRoom2}")).RoomId);
        var (location, afterRetire) = await ReadAsync(clinic.Manager, clinic.Id);
        Assert.Equal(["Room 2", "Room 3"], location.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order());

        // Room 3 is now held at 10:00 (the reservation moved with the appointment), and Room 1 takes no bookings.
        (await clinic.Desk.CommandAsync(inRoom2, "cancel", new CancelAppointment("client-request"))).EnsureSuccessStatusCode();
        var other = await World.ClientAsync(homeLocation: clinic.Id);
        using var clash = await clinic.Desk.BookAsync(new BookAppointment(null, other, clinic.Id, clinic.Therapist2, "NMT-60", At(12, 10), room3));
        using var retiredRoom = await clinic.Desk.BookAsync(new BookAppointment(null, other, clinic.Id, clinic.Therapist1, "NMT-60", At(13, 10), clinic.Room1));
        Assert.Equal((HttpStatusCode.Conflict, "Room already booked"), (clash.StatusCode, (await clash.ReadAsync<Problem>()).Title));
        Assert.Equal(HttpStatusCode.NotFound, retiredRoom.StatusCode);

        // Retired twice is a conflict; the day's room calendar still shows the moved appointment in Room 3.
        using var again = await SendAsync(clinic.Manager, HttpMethod.Post, retire, new { moveAppointments = true }, afterRetire);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var calendar = await clinic.Desk.ReadAsync<JsonElement>($"/api/scheduling/locations/{clinic.Id}/calendar?date={WeeklySchedule.LocalDate(At(12, 10), Zone):yyyy-MM-dd}&by=room");
        var room3Column = calendar.GetProperty("days")[0].GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == room3);
        Assert.Equal([inRoom1], room3Column.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Rooms_are_renamed_to_names_not_in_use_and_the_last_room_in_use_stays()
    {
        using var clinic = await ClinicAsync();
        var (_, etag) = await ReadAsync(clinic.Manager, clinic.Id);

        using var taken = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}/rooms/{clinic.Room1}", new { name = "room 2" }, etag);
        using var unknown = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}/rooms/{Guid.CreateVersion7()}", new { name = "Quiet room" }, etag);
        using var renamed = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}/rooms/{clinic.Room1}", new { name = "Quiet room" }, etag);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var (location, afterRename) = await ReadAsync(clinic.Manager, clinic.Id);
        Assert.Equal(["Quiet room", "Room 2"], location.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order());

        using var first = await SendAsync(clinic.Manager, HttpMethod.Post, $"/api/scheduling/locations/{clinic.Id}/rooms/{clinic.Room2}/retire", new { moveAppointments = false }, afterRename);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (_, afterFirst) = await ReadAsync(clinic.Manager, clinic.Id);
        using var last = await SendAsync(clinic.Manager, HttpMethod.Post, $"/api/scheduling/locations/{clinic.Id}/rooms/{clinic.Room1}/retire", new { moveAppointments = false }, afterFirst);
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Equal("Last room", (await last.ReadAsync<Problem>()).Title);
    }

    [Fact]
    public async Task A_closure_is_shortened_within_its_days_or_called_off_and_the_days_take_bookings_again()
    {
        using var clinic = await ClinicAsync();
        var (wed, fri) = (WeeklySchedule.LocalDate(At(20, 12), Zone), WeeklySchedule.LocalDate(At(22, 12), Zone));
        using var scheduled = await clinic.Manager.PostAsJsonAsync(
            $"/api/scheduling/locations/{clinic.Id}/closures", new { from = wed, to = fri, reason = "Renovation" }, TestContext.Current.CancellationToken);
        scheduled.EnsureSuccessStatusCode();
        var closure = (await scheduled.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("closures")[0].GetProperty("id").GetGuid();
        var client = await World.ClientAsync(homeLocation: clinic.Id);
        using var onClosedFriday = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(22, 10), clinic.Room1));
        Assert.NotEqual(HttpStatusCode.Created, onClosedFriday.StatusCode);
        var path = $"/api/scheduling/locations/{clinic.Id}/closures/{closure}";
        var (_, etag) = await ReadAsync(clinic.Manager, clinic.Id);

        using var withoutVersion = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { from = wed, to = wed }, null);
        using var longer = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { from = wed, to = fri.AddDays(1) }, etag);
        using var unknown = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/locations/{clinic.Id}/closures/{Guid.CreateVersion7()}", new { from = wed, to = wed }, etag);
        using var shortened = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { from = wed, to = wed }, etag);

        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longer.StatusCode);
        Assert.True((await longer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shortened.StatusCode);
        await fixture.Bus.WaitForAsync<Published.LocationClosureChanged>(m => m.ClosureId == closure && m.From == wed && m.To == wed && !m.Removed);
        using var onFriday = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(22, 10), clinic.Room1));
        using var onWednesday = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(20, 10), clinic.Room1));
        Assert.Equal(HttpStatusCode.Created, onFriday.StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, onWednesday.StatusCode);

        var (_, afterShortening) = await ReadAsync(clinic.Manager, clinic.Id);
        using var removed = await SendAsync(clinic.Manager, HttpMethod.Delete, path, new { }, afterShortening);
        using var removedAgain = await SendAsync(clinic.Manager, HttpMethod.Delete, path, new { }, (await ReadAsync(clinic.Manager, clinic.Id)).ETag);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        var (location, _) = await ReadAsync(clinic.Manager, clinic.Id);
        Assert.Equal(0, location.GetProperty("closures").GetArrayLength());
        await fixture.Bus.WaitForAsync<Published.LocationClosureChanged>(m => m.ClosureId == closure && m.Removed);
        using var wednesdayNow = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(20, 10), clinic.Room1));
        Assert.Equal(HttpStatusCode.Created, wednesdayNow.StatusCode);
    }

    [Fact]
    public async Task Time_off_is_shortened_within_its_span_or_called_off_and_the_hours_take_bookings_again()
    {
        using var clinic = await ClinicAsync();
        var therapist = $"/api/scheduling/therapists/{clinic.Therapist1}";
        using var booked = await clinic.Manager.PostAsJsonAsync(
            $"{therapist}/time-off", new { from = At(25, 9), to = At(25, 17), reason = "Course" }, TestContext.Current.CancellationToken);
        booked.EnsureSuccessStatusCode();
        var timeOff = (await booked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("therapist").GetProperty("timeOff")[0].GetProperty("id").GetGuid();
        var client = await World.ClientAsync(homeLocation: clinic.Id);
        Task<HttpResponseMessage> BookAtAsync(int hour, Guid room) => clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(25, hour), room));
        Task<string> VersionAsync() => ETagAsync(clinic.Manager, therapist);

        using var duringTimeOff = await BookAtAsync(13, clinic.Room1);
        Assert.NotEqual(HttpStatusCode.Created, duringTimeOff.StatusCode);
        var path = $"{therapist}/time-off/{timeOff}";
        var etag = await VersionAsync();

        using var withoutVersion = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { from = At(25, 9), to = At(25, 12) }, null);
        using var longer = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { from = At(25, 8), to = At(25, 12) }, etag);
        using var shortened = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { from = At(25, 9), to = At(25, 12) }, etag);

        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longer.StatusCode);
        Assert.True((await longer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.OK, shortened.StatusCode);
        await fixture.Bus.WaitForAsync<Published.TherapistTimeOffChanged>(m => m.TimeOffId == timeOff && m.To == At(25, 12) && !m.Removed);
        using var afternoon = await BookAtAsync(13, clinic.Room1);
        using var morning = await BookAtAsync(10, clinic.Room2);
        Assert.Equal(HttpStatusCode.Created, afternoon.StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, morning.StatusCode);

        using var removed = await SendAsync(clinic.Manager, HttpMethod.Delete, path, new { }, await VersionAsync());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await fixture.Bus.WaitForAsync<Published.TherapistTimeOffChanged>(m => m.TimeOffId == timeOff && m.Removed);
        using var morningNow = await BookAtAsync(10, clinic.Room2);
        Assert.Equal(HttpStatusCode.Created, morningNow.StatusCode);
        using var removedAgain = await SendAsync(clinic.Manager, HttpMethod.Delete, path, new { }, await VersionAsync());
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
    }

    [Fact]
    public async Task A_therapist_leaves_a_location_from_a_day_their_appointments_from_then_are_listed_and_kept_and_no_one_books_them_there()
    {
        using var clinic = await ClinicAsync();
        var before = await BookAsync(clinic, At(5, 10), clinic.Therapist1, clinic.Room1);
        var after = await BookAsync(clinic, At(9, 10), clinic.Therapist1, clinic.Room1);
        var later = await BookAsync(clinic, At(11, 14), clinic.Therapist1, clinic.Room1);
        var therapist = $"/api/scheduling/therapists/{clinic.Therapist1}";
        var path = $"{therapist}/locations/{clinic.Id}/leaving";
        var leavesOn = DateOnly.FromDateTime(At(8, 10).DateTime);
        Task<string> VersionAsync() => ETagAsync(clinic.Manager, therapist);

        using var withoutVersion = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { leavesOn }, null);
        using var yesterday = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { leavesOn = DateOnly.FromDateTime(At(-1, 10).DateTime) }, await VersionAsync());
        using var deskRefused = await SendAsync(clinic.Desk, HttpMethod.Put, path, new { leavesOn }, await VersionAsync());
        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, yesterday.StatusCode);
        Assert.True((await yesterday.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("leavesOn", out _));
        Assert.Equal(HttpStatusCode.Forbidden, deskRefused.StatusCode);

        var etag = await VersionAsync();
        using var leaving = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { leavesOn }, etag);
        using var stale = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { leavesOn = leavesOn.AddDays(1) }, etag);
        Assert.Equal(HttpStatusCode.OK, leaving.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var answer = await leaving.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal([after, later], [.. answer.GetProperty("toReassign").EnumerateArray().Select(a => a.GetProperty("appointmentId").GetGuid())]);
        await fixture.Bus.WaitForAsync<Published.TherapistLeavingChanged>(m => m.TherapistId == clinic.Therapist1 && m.LeavesOn == leavesOn && !m.CalledOff);

        // Nothing was cancelled; from the day, no one books them there, and availability leaves them out.
        foreach (var kept in new[] { before, after, later })
        {
            using var read = await clinic.Desk.GetAsync(new Uri($"/api/scheduling/appointments/{kept}", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal("Booked", (await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());
        }

        var client = await World.ClientAsync(homeLocation: clinic.Id);
        using var onTheDay = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(8, 12), clinic.Room2));
        using var dayBefore = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(7, 12), clinic.Room2));
        Assert.Equal(HttpStatusCode.Conflict, onTheDay.StatusCode);
        Assert.Equal("Therapist leaving", (await onTheDay.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, dayBefore.StatusCode);
        using var free = await clinic.Desk.GetAsync(
            new Uri($"/api/scheduling/availability?locationId={clinic.Id}&serviceCode=NMT-60&from={At(7, 10):yyyy-MM-dd}&to={At(8, 10):yyyy-MM-dd}", UriKind.Relative),
            TestContext.Current.CancellationToken);
        var slots = (await free.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("slots").EnumerateArray().ToList();
        bool Offers(Guid who, DateTimeOffset day) => slots.Any(slot => slot.GetProperty("therapistId").GetGuid() == who && slot.GetProperty("startsAt").GetDateTimeOffset().Date == day.Date);
        Assert.True(Offers(clinic.Therapist1, At(7, 10)));
        Assert.False(Offers(clinic.Therapist1, At(8, 10)));
        Assert.True(Offers(clinic.Therapist2, At(8, 10)));

        // The desk reassigns one appointment to a colleague: the list shrinks to what is still theirs.
        var waiting = await World.ClientAsync(homeLocation: clinic.Id);
        using var joined = await clinic.Desk.PostAsJsonAsync(
            "/api/scheduling/waitlist",
            new JoinWaitlist(waiting, clinic.Id, "NMT-60", null, DateOnly.FromDateTime(At(4, 10).DateTime), DateOnly.FromDateTime(At(10, 10).DateTime)),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        var entry = await joined.IdOfAsync();
        (await clinic.Desk.CommandAsync(after, "reschedule", new RescheduleAppointment(At(9, 10), clinic.Therapist2))).EnsureSuccessStatusCode();
        using var listed = await clinic.Desk.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var remaining = await listed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(leavesOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), remaining.GetProperty("leavesOn").GetString());
        Assert.Equal([later], [.. remaining.GetProperty("toReassign").EnumerateArray().Select(a => a.GetProperty("appointmentId").GetGuid())]);

        // The time that reassignment freed is after their leaving day, so it is not offered to the waitlist;
        // a time freed before the day is (offers follow the order of the events, so it is the first offer).
        (await clinic.Desk.CommandAsync(before, "cancel", new CancelAppointment("client-request"))).EnsureSuccessStatusCode();
        var offer = (Published.WaitlistSlotOffered)(await fixture.Bus.WaitForAsync<Published.WaitlistSlotOffered>(m => m.WaitlistEntryId == entry)).Message;
        Assert.Equal((clinic.Therapist1, At(5, 10)), (offer.TherapistId, offer.StartsAt));

        // Called off before the day, they stay: bookings on the day are taken again.
        using var calledOff = await SendAsync(clinic.Manager, HttpMethod.Delete, path, new { }, await VersionAsync());
        Assert.Equal(HttpStatusCode.OK, calledOff.StatusCode);
        await fixture.Bus.WaitForAsync<Published.TherapistLeavingChanged>(m => m.TherapistId == clinic.Therapist1 && m.LeavesOn == leavesOn && m.CalledOff);
        using var nowTaken = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, "NMT-60", At(8, 12), clinic.Room2));
        Assert.Equal(HttpStatusCode.Created, nowTaken.StatusCode);
        using var nothingLeft = await clinic.Desk.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, nothingLeft.StatusCode);
    }

    [Fact]
    public async Task A_manager_plans_the_leaving_at_her_location_of_a_therapist_who_also_works_elsewhere_and_they_stay_bookable_there()
    {
        using var clinic = await ClinicAsync();
        using var other = await OwnClinic.OpenAsync(fixture, "Brookline", "Uma Patel", "Oskar Lind");
        using var admin = World.Admin;
        var therapist = $"/api/scheduling/therapists/{clinic.Therapist1}";
        using var alsoThere = await SendAsync(admin, HttpMethod.Put, $"{therapist}/locations/{other.Id}/hours", new { hours = DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0)) }, null);
        Assert.Equal(HttpStatusCode.OK, alsoThere.StatusCode);
        Task<string> VersionAsync() => ETagAsync(admin, therapist);

        var leavesOn = DateOnly.FromDateTime(At(20, 10).DateTime);
        using var there = await SendAsync(clinic.Manager, HttpMethod.Put, $"{therapist}/locations/{other.Id}/leaving", new { leavesOn }, await VersionAsync());
        using var here = await SendAsync(clinic.Manager, HttpMethod.Put, $"{therapist}/locations/{clinic.Id}/leaving", new { leavesOn }, await VersionAsync());

        Assert.Equal(HttpStatusCode.Forbidden, there.StatusCode);
        Assert.Equal(HttpStatusCode.OK, here.StatusCode);
        var client = await World.ClientAsync(homeLocation: other.Id);
        using var stillThere = await other.Desk.BookAsync(new BookAppointment(null, client, other.Id, clinic.Therapist1, "NMT-60", At(21, 10), other.Room1));
        Assert.Equal(HttpStatusCode.Created, stillThere.StatusCode);
        var local = await World.ClientAsync(homeLocation: clinic.Id);
        using var notHere = await clinic.Desk.BookAsync(new BookAppointment(null, local, clinic.Id, clinic.Therapist1, "NMT-60", At(21, 10), clinic.Room1));
        Assert.Equal(HttpStatusCode.Conflict, notHere.StatusCode);
    }

    [Fact]
    public async Task A_therapist_who_left_today_is_booked_no_more_there_until_hours_set_again_bring_them_back()
    {
        using var clinic = await ClinicAsync();
        var therapist = $"/api/scheduling/therapists/{clinic.Therapist2}";
        var path = $"{therapist}/locations/{clinic.Id}/leaving";
        Task<string> VersionAsync() => ETagAsync(clinic.Manager, therapist);

        var today = WeeklySchedule.LocalDate(DateTimeOffset.UtcNow, Zone);
        using var leftToday = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { leavesOn = today }, await VersionAsync());
        Assert.Equal(HttpStatusCode.OK, leftToday.StatusCode);
        var client = await World.ClientAsync(homeLocation: clinic.Id);
        using var refused = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist2, "NMT-60", At(3, 10), clinic.Room1));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        using var hours = await SendAsync(clinic.Manager, HttpMethod.Put, $"{therapist}/locations/{clinic.Id}/hours",
            new { hours = DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0)) }, null);
        Assert.Equal(HttpStatusCode.OK, hours.StatusCode);
        var back = await hours.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Null, back.GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("locationId").GetGuid() == clinic.Id).GetProperty("leavesOn").ValueKind);
        using var taken = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist2, "NMT-60", At(3, 10), clinic.Room1));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
    }

    [Fact]
    public async Task A_therapist_profile_names_its_staff_account_after_registration_one_profile_per_account_and_the_other_services_hear_of_it()
    {
        using var clinic = await ClinicAsync();
        var path = $"/api/scheduling/therapists/{clinic.Therapist1}/account";
        Task<string> VersionAsync(Guid therapist) => ETagAsync(clinic.Manager, $"/api/scheduling/therapists/{therapist}");

        var account = $"staff-{Guid.NewGuid():N}";
        using var withoutVersion = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { userId = account }, null);
        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        using var tooLong = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { userId = new string('x', 65) }, await VersionAsync(clinic.Therapist1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("userId", out _));

        using var linked = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { userId = account }, await VersionAsync(clinic.Therapist1));
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(account, (await linked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("userId").GetString());
        await fixture.Bus.WaitForAsync<Published.TherapistAccountLinked>(m => m.TherapistId == clinic.Therapist1 && m.UserId == account);

        // The same account cannot be a second therapist.
        using var twice = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/therapists/{clinic.Therapist2}/account", new { userId = account }, await VersionAsync(clinic.Therapist2));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        using var second = await clinic.Manager.GetAsync(new Uri($"/api/scheduling/therapists/{clinic.Therapist2}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Null, (await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("userId").ValueKind);

        // Unlinked, the account is free for the other profile.
        // A missing or empty account is a bad request, never an unlinking; unlinking is its own request.
        using var missing = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { userId = (string?)null }, await VersionAsync(clinic.Therapist1));
        using var markup = await SendAsync(clinic.Manager, HttpMethod.Put, path, new { userId = "<script>" }, await VersionAsync(clinic.Therapist1));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (missing.StatusCode, markup.StatusCode));
        using var unlinked = await SendAsync(clinic.Manager, HttpMethod.Delete, path, new { }, await VersionAsync(clinic.Therapist1));
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        await fixture.Bus.WaitForAsync<Published.TherapistAccountLinked>(m => m.TherapistId == clinic.Therapist1 && m.UserId == null);
        using var moved = await SendAsync(clinic.Manager, HttpMethod.Put, $"/api/scheduling/therapists/{clinic.Therapist2}/account", new { userId = account }, await VersionAsync(clinic.Therapist2));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        // A manager of another location does not link this clinic's therapists.
        using var elsewhere = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        using var refused = await SendAsync(elsewhere, HttpMethod.Put, path, new { userId = "someone-else" }, await VersionAsync(clinic.Therapist1));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_services_new_length_buffer_and_price_apply_to_bookings_made_afterwards_and_booked_appointments_keep_theirs()
    {
        using var clinic = await ClinicAsync();
        using var admin = World.Admin;
        var code = $"T-{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        using (var defined = await admin.PostAsJsonAsync("/api/scheduling/services", new { code, name = "Trial", durationMinutes = 30, bufferMinutes = 0, price = 40m, currency = "USD" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Created, defined.StatusCode);
        }

        foreach (var therapist in new[] { clinic.Therapist1, clinic.Therapist2 })
        {
            using var read = await admin.GetAsync(new Uri($"/api/scheduling/therapists/{therapist}", UriKind.Relative), TestContext.Current.CancellationToken);
            using var offered = await SendAsync(admin, HttpMethod.Put, $"/api/scheduling/therapists/{therapist}/services", new { services = new[] { "NMT-60", code } }, read.Headers.ETag!.Tag);
            offered.EnsureSuccessStatusCode();
        }

        var client = await World.ClientAsync(homeLocation: clinic.Id);
        using var before = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist1, code, At(30, 10), clinic.Room1));
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        var booked = await before.IdOfAsync();

        var path = $"/api/scheduling/services/{code}";
        var longer = new { name = "Trial, longer", durationMinutes = 60, bufferMinutes = 15, price = 75m, currency = "USD" };
        using var withoutVersion = await SendAsync(admin, HttpMethod.Put, path, longer, null);
        using var badLength = await SendAsync(admin, HttpMethod.Put, path, longer with { durationMinutes = 62 }, "\"1\"");
        using var byManager = await SendAsync(clinic.Manager, HttpMethod.Put, path, longer, "\"1\"");
        using var unknown = await SendAsync(admin, HttpMethod.Put, "/api/scheduling/services/NO-SUCH", longer, "\"1\"");
        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLength.StatusCode);
        Assert.True((await badLength.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("durationMinutes", out _));
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var changed = await SendAsync(admin, HttpMethod.Put, path, longer, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var service = await changed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((60, 15, 75m, 2L), (service.GetProperty("durationMinutes").GetInt32(), service.GetProperty("bufferMinutes").GetInt32(), service.GetProperty("price").GetDecimal(), service.GetProperty("version").GetInt64()));
        using var stale = await SendAsync(admin, HttpMethod.Put, path, longer with { price = 80m }, "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        // The appointment booked before keeps its half hour; one booked now takes the hour and its buffer.
        using var kept = await clinic.Desk.GetAsync(new Uri($"/api/scheduling/appointments/{booked}", UriKind.Relative), TestContext.Current.CancellationToken);
        var keptAppointment = await kept.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(At(30, 10).AddMinutes(30), keptAppointment.GetProperty("endsAt").GetDateTimeOffset());
        using var moved = await SendAsync(clinic.Desk, HttpMethod.Post, $"/api/scheduling/appointments/{booked}/reschedule", new { startsAt = At(31, 10) }, kept.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(At(31, 10).AddMinutes(30), (await moved.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("endsAt").GetDateTimeOffset());
        using var after = await clinic.Desk.BookAsync(new BookAppointment(null, client, clinic.Id, clinic.Therapist2, code, At(30, 13), clinic.Room2));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        using var read2 = await clinic.Desk.GetAsync(new Uri($"/api/scheduling/appointments/{await after.IdOfAsync()}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(At(30, 14), (await read2.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("endsAt").GetDateTimeOffset());

        // The buffer after the new hour keeps the therapist's next quarter free.
        using var tooSoon = await clinic.Desk.BookAsync(new BookAppointment(null, await World.ClientAsync(homeLocation: clinic.Id), clinic.Id, clinic.Therapist2, "NMT-60", At(30, 14), clinic.Room1));
        Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode);
    }
}
