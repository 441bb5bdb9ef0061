using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;

namespace NmtPractice.Scheduling.Tests;

/// <summary>The front desk's calendars, arrivals, a client's appointments and the therapists' iCalendar feeds.</summary>
public sealed class CalendarTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task A_day_calendar_shows_each_therapists_and_each_rooms_appointments_with_client_names()
    {
        using var desk = World.Desk;
        var client = await World.ClientAsync();
        var day = World.Day(20);
        var booked = await (await desk.BookAsync(World.Booking(client, World.At(10, daysAhead: 20), therapistId: World.OtherTherapist, roomId: World.RoomB))).IdOfAsync();

        var byTherapist = await desk.ReadAsync<CalendarView>($"/api/scheduling/locations/{World.LocationId}/calendar?date={day:yyyy-MM-dd}");
        var byRoom = await desk.ReadAsync<CalendarView>($"/api/scheduling/locations/{World.LocationId}/calendar?date={day:yyyy-MM-dd}&by=room");

        var therapistColumn = byTherapist.Days[0].Columns.Single(c => c.Id == World.OtherTherapist);
        var appointment = Assert.Single(therapistColumn.Appointments);
        Assert.Equal(booked, appointment.Id);
        Assert.Equal("Test C.", appointment.ClientName);
        var roomColumn = byRoom.Days[0].Columns.Single(c => c.Name == "Room B");
        Assert.Single(roomColumn.Appointments);
    }

    [Fact]
    public async Task A_week_calendar_has_seven_days_and_bad_parameters_are_400()
    {
        using var desk = World.Desk;
        var day = World.Day(21);

        var week = await desk.ReadAsync<CalendarView>($"/api/scheduling/locations/{World.LocationId}/calendar?date={day:yyyy-MM-dd}&days=7");
        using var tooLong = await desk.GetAsync(new Uri($"/api/scheduling/locations/{World.LocationId}/calendar?date={day:yyyy-MM-dd}&days=31", UriKind.Relative), TestContext.Current.CancellationToken);
        using var badGrouping = await desk.GetAsync(new Uri($"/api/scheduling/locations/{World.LocationId}/calendar?date={day:yyyy-MM-dd}&by=colour", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(7, week.Days.Count);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badGrouping.StatusCode);
    }

    [Fact]
    public async Task Arrivals_list_the_days_booked_clients_in_time_order_without_cancellations()
    {
        using var desk = World.Desk;
        var day = World.Day(22);
        var late = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(15, daysAhead: 22)))).IdOfAsync();
        var early = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(9, daysAhead: 22)))).IdOfAsync();
        var cancelled = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(12, daysAhead: 22)))).IdOfAsync();
        (await desk.CommandAsync(cancelled, "cancel", new CancelAppointment("client-request"))).EnsureSuccessStatusCode();

        var arrivals = await desk.ReadAsync<IReadOnlyList<AppointmentView>>($"/api/scheduling/locations/{World.LocationId}/arrivals?date={day:yyyy-MM-dd}");

        Assert.Equal([early, late], arrivals.Select(a => a.Id));
    }

    [Fact]
    public async Task A_clients_appointments_are_split_into_upcoming_and_past()
    {
        using var desk = World.Desk;
        var client = await World.ClientAsync();
        var upcoming = await (await desk.BookAsync(World.Booking(client, World.At(16, daysAhead: 23)))).IdOfAsync();
        var cancelled = await (await desk.BookAsync(World.Booking(client, World.At(16, daysAhead: 24)))).IdOfAsync();
        (await desk.CommandAsync(cancelled, "cancel", new CancelAppointment("other"))).EnsureSuccessStatusCode();
        using var elsewhere = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Guid.CreateVersion7());

        var mine = await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments");
        var theirs = await elsewhere.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments");

        Assert.Equal([upcoming], mine.Upcoming.Select(a => a.Id));
        Assert.Equal([cancelled], mine.Past.Select(a => a.Id));
        Assert.Equal(0, theirs.Upcoming.Count + theirs.Past.Count);
    }

    [Fact]
    public async Task A_therapists_feed_is_an_icalendar_in_the_locations_time_zone()
    {
        using var desk = World.Desk;
        var firstAt = World.At(10, daysAhead: 25);
        var first = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), firstAt, therapistId: World.OtherTherapist))).IdOfAsync();
        // Across a change of daylight-saving time (beyond every date the other tests book): the same local hour, another UTC offset.
        var otherSeason = World.FirstDayAheadWithOffsetOtherThan(firstAt.Offset, fromDaysAhead: 60);
        var winter = World.At(10, daysAhead: otherSeason);
        Assert.NotEqual(firstAt.Offset, winter.Offset);
        var second = await (await desk.BookAsync(World.Booking(await World.ClientAsync(), winter, therapistId: World.OtherTherapist))).IdOfAsync();

        using var response = await desk.GetAsync(
            new Uri($"/api/scheduling/therapists/{World.OtherTherapist}/calendar.ics?from={World.Day(24):yyyy-MM-dd}&to={World.Day(otherSeason + 1):yyyy-MM-dd}", UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Contains(calendar.TimeZones, zone => zone.TzId == PracticeWorld.TimeZone);
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal([$"{first}@nmtpractice", $"{second}@nmtpractice"], events.Select(e => e.Uid));
        Assert.All(events, e => Assert.Equal(PracticeWorld.TimeZone, e.DtStart!.TzId));
        Assert.All(events, e => Assert.Equal(10, e.DtStart!.Value.Hour));
        Assert.Equal(winter.UtcDateTime, events[1].DtStart!.AsUtc);
        Assert.NotEqual(events[0].DtStart!.AsUtc.TimeOfDay, events[1].DtStart!.AsUtc.TimeOfDay);
        Assert.Equal("NMT-60 · Test C.", events[0].Summary);
        Assert.Equal("Back Bay, Room A", events[0].Location);
    }

    /// <summary>
    /// On the day the clocks go back, an hour of local times happens twice; on the day they go forward,
    /// an hour is skipped. Every appointment still stands at its real instant in the feed, as read by
    /// Ical.Net and by an independent parser (ical.js), and none is zero-length.
    /// </summary>
    [Fact]
    public async Task The_feed_puts_every_appointment_at_its_real_instant_on_both_clock_change_days_for_any_reader()
    {
        var (location, therapist) = await NightClinicAsync();
        var fallBack = World.NextFallBack(fromDaysAhead: 1);
        var springForward = World.NextSpringForward(fromDaysAhead: 1);
        var fallMidnight = World.At(0, daysAhead: fallBack);
        var springMidnight = World.At(0, daysAhead: springForward);
        var expected = new Dictionary<string, (DateTimeOffset Start, TimeSpan Length, string Service)>
        {
            // 01:00 before the change to 01:00 after it (local), then 01:15 after it: both in the repeated hour.
            ["repeated"] = (fallMidnight.AddHours(1), TimeSpan.FromHours(1), "NMT-60"),
            ["second-pass"] = (fallMidnight.AddHours(2).AddMinutes(15), TimeSpan.FromMinutes(30), "NMT-30"),
            // 01:30 to 03:30 local across the skipped hour: an hour long.
            ["across-gap"] = (springMidnight.AddHours(1).AddMinutes(30), TimeSpan.FromHours(1), "NMT-60"),
        };
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, location);
        var uids = new Dictionary<string, string>();
        foreach (var (name, (start, _, service)) in expected)
        {
            using var booked = await desk.BookAsync(new BookAppointment(null, await World.ClientAsync(), location, therapist, service, start));
            Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            uids[$"{await booked.IdOfAsync()}@nmtpractice"] = name;
        }

        var from = DateOnly.FromDateTime(new[] { fallMidnight, springMidnight }.Min().DateTime).AddDays(-1);
        var to = DateOnly.FromDateTime(new[] { fallMidnight, springMidnight }.Max().DateTime).AddDays(1);
        using var admin = World.Admin;
        var feed = await admin.GetStringAsync(new Uri($"/api/scheduling/therapists/{therapist}/calendar.ics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", UriKind.Relative), TestContext.Current.CancellationToken);

        var byIcalNet = Ical.Net.Calendar.Load(feed)!.Events.ToDictionary(e => uids[e.Uid!], e => (e.DtStart!.AsUtc, e.DtEnd!.AsUtc));
        var byIcalJs = (await ReadWithIcalJsAsync(feed)).ToDictionary(e => uids[e.Uid], e => (e.Start.UtcDateTime, e.End.UtcDateTime));
        foreach (var (name, (start, length, _)) in expected)
        {
            var instants = (start.UtcDateTime, (start + length).UtcDateTime);
            Assert.True(instants == byIcalNet[name], $"{name}: Ical.Net reads {byIcalNet[name]}, expected {instants}");
            Assert.True(instants == byIcalJs[name], $"{name}: ical.js reads {byIcalJs[name]}, expected {instants}");
        }

        // Times that are not ambiguous stay in the location's zone.
        Assert.Equal(PracticeWorld.TimeZone, Ical.Net.Calendar.Load(feed)!.Events.Single(e => uids[e.Uid!] == "across-gap").DtStart!.TzId);
    }

    /// <summary>A location open, and a therapist working, from midnight to six every day.</summary>
    private async Task<(Guid Location, Guid Therapist)> NightClinicAsync()
    {
        using var admin = World.Admin;
        var location = Guid.CreateVersion7();
        var therapist = Guid.CreateVersion7();
        var nights = DayHours.EveryDay(new TimeOnly(0, 0), new TimeOnly(6, 0));
        await new PracticeBuilder()
            .Location(new OpenLocation(location, "Night clinic", PostalAddress.Boston("1 Night St"), PracticeWorld.TimeZone, nights))
            .Room(new AddRoom(null, "Room N"))
            .Therapist(new RegisterTherapist(therapist, "Noor Haddad", ["NMT-60", "NMT-30"]), nights)
            .BuildAsync(admin, TestContext.Current.CancellationToken);
        return (location, therapist);
    }

    private sealed record ReadEvent(string Uid, DateTimeOffset Start, DateTimeOffset End);

    /// <summary>The feed's events as ical.js reads them (tests/NmtPractice.Scheduling.Tests/IcsReader, installed by the test script).</summary>
    private static async Task<List<ReadEvent>> ReadWithIcalJsAsync(string feed)
    {
        var start = new ProcessStartInfo("node", "read-ics.mjs")
        {
            WorkingDirectory = Path.Combine(TestInfrastructure.RepositoryRoot, "tests", "NmtPractice.Scheduling.Tests", "IcsReader"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await node.StandardInput.WriteAsync(feed);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"ical.js could not read the feed: {await errors}");
        return JsonSerializer.Deserialize<List<ReadEvent>>(await output, JsonSerializerOptions.Web)!;
    }
}
