using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Free slots honour hours, bookings with their buffers, rooms, closures, time off and daylight saving.</summary>
public sealed class AvailabilityTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    private async Task<List<(Guid Therapist, DateTimeOffset Start)>> SlotsAsync(DateOnly from, DateOnly to, Guid? therapist = null, string service = "NMT-60", Guid? rescheduling = null)
    {
        using var desk = World.Desk;
        var query = $"/api/scheduling/availability?locationId={World.LocationId}&serviceCode={service}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"
            + (therapist is { } id ? $"&therapistId={id}" : string.Empty)
            + (rescheduling is { } moving ? $"&rescheduling={moving}" : string.Empty);
        var body = await desk.ReadAsync<AvailabilityView>(query);
        return [.. body.Slots.Select(s => (s.TherapistId, s.StartsAt))];
    }

    [Fact]
    public async Task A_days_slots_follow_the_working_hours_on_a_quarter_hour_grid()
    {
        var day = World.Day(11);

        var slots = await SlotsAsync(day, day, World.Therapist);

        var starts = slots.Select(s => TimeOnly.FromDateTime(s.Start.DateTime)).ToList();
        Assert.Equal(new TimeOnly(9, 0), starts.First());
        Assert.Equal(new TimeOnly(16, 0), starts.Last());
        Assert.Equal(29, starts.Count);
        Assert.All(slots, s => Assert.Equal(World.Zone.GetUtcOffset(s.Start), s.Start.Offset));
    }

    [Fact]
    public async Task A_booking_and_its_turnover_buffer_take_their_slots_away()
    {
        var day = World.Day(12);
        using var desk = World.Desk;
        (await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(11, daysAhead: 12)))).EnsureSuccessStatusCode();

        var starts = (await SlotsAsync(day, day, World.Therapist)).Select(s => TimeOnly.FromDateTime(s.Start.DateTime)).ToList();

        // 60 minutes plus a 15-minute buffer: a session may start at 09:45 (held until 11:00), not at 10:00,
        // and the next one once the 11:00 booking's buffer ends at 12:15.
        Assert.Contains(new TimeOnly(9, 45), starts);
        Assert.DoesNotContain(new TimeOnly(10, 0), starts);
        Assert.DoesNotContain(new TimeOnly(12, 0), starts);
        Assert.Contains(new TimeOnly(12, 15), starts);
    }

    [Fact]
    public async Task An_appointment_being_moved_does_not_block_itself_so_it_can_move_by_a_quarter_hour()
    {
        var day = World.Day(17);
        using var desk = World.Desk;
        using var booked = await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(11, daysAhead: 17)));
        booked.EnsureSuccessStatusCode();
        var appointment = await booked.IdOfAsync();

        var forOthers = (await SlotsAsync(day, day, World.Therapist)).Select(s => TimeOnly.FromDateTime(s.Start.DateTime)).ToList();
        var forItself = (await SlotsAsync(day, day, World.Therapist, rescheduling: appointment)).Select(s => TimeOnly.FromDateTime(s.Start.DateTime)).ToList();

        // Its own 11:00-12:15 hold (60 minutes and the 15-minute buffer) keeps the nine starts 10:00-12:00 from
        // anyone else, but not from the appointment itself.
        Assert.DoesNotContain(new TimeOnly(11, 15), forOthers);
        Assert.DoesNotContain(new TimeOnly(10, 45), forOthers);
        Assert.Contains(new TimeOnly(11, 15), forItself);
        Assert.Contains(new TimeOnly(10, 45), forItself);
        Assert.Contains(new TimeOnly(11, 0), forItself);
        Assert.DoesNotContain(new TimeOnly(10, 0), forOthers);
        Assert.Equal(forOthers.Count + 9, forItself.Count);
    }

    [Fact]
    public async Task Moving_an_appointment_that_is_not_the_locations_is_a_404()
    {
        using var desk = World.Desk;

        using var response = await desk.GetAsync(
            new Uri($"/api/scheduling/availability?locationId={World.LocationId}&serviceCode=NMT-60&from=2030-01-01&to=2030-01-02&rescheduling={Guid.NewGuid()}", UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task When_both_rooms_are_taken_no_therapist_has_that_slot()
    {
        var day = World.Day(13);
        using var desk = World.Desk;
        (await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(14, daysAhead: 13), therapistId: World.Therapist))).EnsureSuccessStatusCode();
        (await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(14, daysAhead: 13), therapistId: World.OtherTherapist))).EnsureSuccessStatusCode();

        var atTwo = (await SlotsAsync(day, day, service: "NMT-30")).Where(s => TimeOnly.FromDateTime(s.Start.DateTime) == new TimeOnly(14, 0));

        Assert.Empty(atTwo);
    }

    [Fact]
    public async Task Closures_and_time_off_leave_no_slots()
    {
        using var admin = World.Admin;
        var closed = World.Day(14);
        var away = World.Day(15);
        (await admin.PostAsJsonAsync($"/api/scheduling/locations/{World.LocationId}/closures", new { from = closed, to = closed, reason = "Public holiday" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(
            $"/api/scheduling/therapists/{World.OtherTherapist}/time-off",
            new { from = World.At(0, daysAhead: 15), to = World.At(23, 59, daysAhead: 15), reason = "Training" },
            TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        Assert.Empty(await SlotsAsync(closed, closed));
        Assert.Empty(await SlotsAsync(away, away, World.OtherTherapist));
        Assert.NotEmpty(await SlotsAsync(away, away, World.Therapist));
        // Reporting learns of both (without the reasons), to take them out of the available hours.
        await fixture.Bus.WaitForAsync<Published.LocationClosureScheduled>(closure => closure.LocationId == World.LocationId && closure.From == closed && closure.To == closed);
        await fixture.Bus.WaitForAsync<Published.TherapistTimeOffBooked>(off => off.TherapistId == World.OtherTherapist && off.From == World.At(0, daysAhead: 15));
    }

    [Fact]
    public async Task Slots_stay_at_local_nine_oclock_across_the_change_to_daylight_saving_time()
    {
        // Beyond every date the other tests book: the first day on summer time, and the same weekday before.
        var summerAhead = World.NextSpringForward(fromDaysAhead: 60);
        var standard = World.Day(summerAhead - 7);
        var summer = World.Day(summerAhead);

        var before = (await SlotsAsync(standard, standard, World.Therapist)).First().Start;
        var after = (await SlotsAsync(summer, summer, World.Therapist)).First().Start;

        Assert.Equal(TimeSpan.FromHours(-5), before.Offset);
        Assert.Equal(TimeSpan.FromHours(-4), after.Offset);
        Assert.Equal(new DateTimeOffset(standard.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(-5)), before);
        Assert.Equal(new DateTimeOffset(summer.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(-4)), after);
        Assert.Equal(TimeSpan.FromHours(13), after.UtcDateTime.TimeOfDay);
    }

    [Fact]
    public async Task On_the_daylight_saving_day_bookings_follow_local_hours()
    {
        using var desk = World.Desk;
        var summer = World.Day(World.NextSpringForward(fromDaysAhead: 60));
        var elevenLocal = new DateTimeOffset(summer.ToDateTime(new TimeOnly(11, 0)), TimeSpan.FromHours(-4));
        var eightLocal = new DateTimeOffset(summer.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(-4));

        using var atEleven = await desk.BookAsync(World.Booking(await World.ClientAsync(), elevenLocal, therapistId: World.OtherTherapist));
        using var atEight = await desk.BookAsync(World.Booking(await World.ClientAsync(), eightLocal, therapistId: World.OtherTherapist));
        // 10:00 at the standard-time offset is the same instant as 11:00 daylight time: accepted, shown as 11:00-04:00.
        using var sameInstantOtherOffset = await desk.BookAsync(World.Booking(await World.ClientAsync(), new DateTimeOffset(summer.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(-5)), therapistId: World.Therapist));

        Assert.Equal(HttpStatusCode.Created, atEleven.StatusCode);
        Assert.Equal(elevenLocal, (await atEleven.ReadAsync<AppointmentView>()).StartsAt);
        Assert.Equal(HttpStatusCode.Conflict, atEight.StatusCode);
        Assert.Equal("Outside working hours", await atEight.ProblemTitleAsync());
        Assert.Equal(HttpStatusCode.Created, sameInstantOtherOffset.StatusCode);
        // The offset as written on the wire, not as a parsed instant.
        var shown = (await sameInstantOtherOffset.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("startsAt").GetString();
        Assert.Equal($"{summer:yyyy-MM-dd}T11:00:00-04:00", shown);
    }

    [Theory]
    [InlineData("from=2030-01-10&to=2030-01-01", "to")]
    [InlineData("from=2030-01-01&to=2030-03-01", "to")]
    [InlineData("from=2030-01-01", "to")]
    [InlineData("from=soon&to=2030-01-01", "from")]
    public async Task Bad_searches_are_400_problems(string range, string field)
    {
        using var desk = World.Desk;

        using var response = await desk.GetAsync(
            new Uri($"/api/scheduling/availability?locationId={World.LocationId}&serviceCode=NMT-60&{range}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Searching_an_unknown_service_is_a_404()
    {
        using var desk = World.Desk;

        using var response = await desk.GetAsync(
            new Uri($"/api/scheduling/availability?locationId={World.LocationId}&serviceCode=HOT-STONES&from=2030-01-01&to=2030-01-02", UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
