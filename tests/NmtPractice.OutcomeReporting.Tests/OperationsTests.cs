using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Notifications;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.Security;
using static NmtPractice.OutcomeReporting.Tests.OutcomeEvents;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>
/// A week at a New York clinic, published on RabbitMQ as scheduling and intake would, checked
/// against figures worked out by hand.
/// <code>
/// hours        T1 Mon-Fri 09-17 (480 min); T2 Mon and Wed 10-14 (240 min)
/// time off     T1 Tuesday 09-13 (240 min)        closure   Friday
/// available    T1 480+240+480+480+0 = 1680; T2 240+240 = 480; location 2160
/// appointments A1 C1 T1 Mon completed; A2 C2 T1 Mon no-show (C2 came the week before);
///              A3 C3 T1 Tue late cancellation; A4 C4 T2 Wed completed;
///              A5 C5 booked T1 Thu, moved to T2 Wed; A6 C6 T1 Thu cancelled in time;
///              A7 C1 T1 Thu booked from the waitlist
/// </code>
/// </summary>
public sealed class OperationsTests(OutcomeReportingFixture fixture) : IClassFixture<OutcomeReportingFixture>
{
    private static readonly DateTimeOffset Monday = new(2027, 4, 5, 0, 0, 0, NewYorkSummer);

    private readonly Guid _location = Guid.CreateVersion7();
    private readonly Guid _t1 = Guid.CreateVersion7();
    private readonly Guid _t2 = Guid.CreateVersion7();
    private readonly Guid[] _clients = [.. Enumerable.Range(0, 6).Select(_ => Guid.CreateVersion7())];

    private static DateTimeOffset At(int day, int hour) => Monday.AddDays(day).AddHours(hour);

    private static WeeklyHours Hours(DayOfWeek day, int from, int to) => new(day, new TimeOnly(from, 0), new TimeOnly(to, 0));

    private async Task PublishWeekAsync(Func<AppointmentBooked, bool>? reminders = null)
    {
        var earlier = Booked(_clients[1], _location, _t1, At(-7, 10));
        var a1 = Booked(_clients[0], _location, _t1, At(0, 9));
        var a2 = Booked(_clients[1], _location, _t1, At(0, 11));
        var a3 = Booked(_clients[2], _location, _t1, At(1, 14));
        var a4 = Booked(_clients[3], _location, _t2, At(2, 10));
        var a5 = Booked(_clients[4], _location, _t1, At(3, 9));
        var a6 = Booked(_clients[5], _location, _t1, At(3, 11));
        var a7 = Booked(_clients[0], _location, _t1, At(3, 15), waitlistEntry: Guid.CreateVersion7());
        var reached = new[] { earlier, a1, a2, a3, a4, a5, a6, a7 }.Where(booked => reminders?.Invoke(booked) == true)
            .Select(booked => (object)new AppointmentReminderDelivered(booked.AppointmentId, booked.ClientId, booked.LocationId, "sms", booked.StartsAt.AddDays(-1))).ToArray();
        // The first reminder goes before the bookings: notifications' queue may be ahead of scheduling's.
        await fixture.Bus.PublishInOrderAsync(reached.Take(1).ToArray());
        await fixture.Bus.PublishInOrderAsync(
            new LocationPublished(_location, "Test clinic", "America/New_York", [], LongAgo),
            new TherapistWorkingHoursSet(_t1, _location, [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(day => Hours(day, 9, 17))], LongAgo),
            new TherapistWorkingHoursSet(_t2, _location, [Hours(DayOfWeek.Monday, 10, 14), Hours(DayOfWeek.Wednesday, 10, 14)], LongAgo),
            new TherapistTimeOffBooked(_t1, Guid.CreateVersion7(), At(1, 9), At(1, 13), LongAgo),
            new LocationClosureScheduled(_location, Guid.CreateVersion7(), new DateOnly(2027, 4, 9), new DateOnly(2027, 4, 9), LongAgo),
            earlier, Completed(earlier),
            a1, Completed(a1), a2, NoShow(a2), a3, Cancelled(a3, late: true), a4, Completed(a4),
            a5, Rescheduled(a5, _t2, At(2, 12)), a6, Cancelled(a6, late: false), a7);
        await fixture.Bus.PublishInOrderAsync(reached.Skip(1).ToArray());
    }

    private string View(string name, string query) => $"/api/outcomes/operations/{name}?from=2027-04-05&to=2027-04-11&locationId={_location}&{query}";

    [Fact]
    public async Task Utilisation_no_shows_cancellations_and_new_clients_of_a_week_match_the_hand_worked_figures()
    {
        await PublishWeekAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);

        var week = await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(View("utilisation", "period=week"), body => body.Rows.Count == 1 && body.Rows[0].Appointments == 7);

        var row = Assert.Single(week.Rows);
        Assert.Equal(new DateOnly(2027, 4, 5), row.PeriodStart);
        // Held: A1, A2, A4, A5, A7 = 300 min of 2160. New: C1, C4, C5; C2 returns.
        Assert.Equal(
            (2160, 300, 0.1389, false, 7, 1, 0.2, 2, 1, 0.1429, 3, 1),
            (row.AvailableMinutes, row.BookedMinutes, row.Utilisation!.Value, row.Suppressed,
             row.Appointments!.Value, row.NoShows!.Value, row.NoShowRate!.Value, row.Cancellations!.Value,
             row.LateCancellations!.Value, row.LateCancellationRate!.Value, row.NewClients!.Value, row.ReturningClients!.Value));
    }

    [Fact]
    public async Task The_no_show_rate_is_split_by_whether_a_reminder_reached_the_client_even_when_the_reminder_is_ingested_first()
    {
        // Reminded: A2 (no-show; its reminder published before its booking) and A4 (completed); not
        // reminded: A1, A5, A7 (none a no-show); A3 and A6 were cancelled and count in neither.
        await PublishWeekAsync(reminders: booked => booked.StartsAt == At(0, 11) || booked.StartsAt == At(2, 10));
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);

        var week = await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(
            View("utilisation", "period=week"), body => body.Rows.Count == 1 && body.Rows[0].Appointments == 7 && body.Rows[0].RemindedAppointments == 2);

        var row = Assert.Single(week.Rows);
        Assert.Equal((0.2, 2, 0.5, 0.0), (row.NoShowRate!.Value, row.RemindedAppointments!.Value, row.NoShowRateReminded!.Value, row.NoShowRateNotReminded!.Value));
    }

    [Fact]
    public async Task A_client_who_first_came_to_another_clinic_of_the_chain_is_returning()
    {
        await PublishWeekAsync();
        var traveller = Guid.CreateVersion7();
        var elsewhere = Booked(traveller, Guid.CreateVersion7(), Guid.CreateVersion7(), At(0, 10));
        await fixture.Bus.PublishInOrderAsync(elsewhere, Completed(elsewhere), Booked(traveller, _location, _t1, At(1, 15)));
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);

        var week = await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(View("utilisation", "period=week"), body => body.Rows.Count == 1 && body.Rows[0].Appointments == 8);

        var row = Assert.Single(week.Rows);
        Assert.Equal((3, 2), (row.NewClients!.Value, row.ReturningClients!.Value));
    }

    [Fact]
    public async Task Per_therapist_and_day_hours_are_shown_while_small_groups_hide_their_client_figures()
    {
        await PublishWeekAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);
        await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(View("utilisation", "period=week"), body => body.Rows.Count == 1 && body.Rows[0].Appointments == 7);

        var byTherapist = await manager.ReadAsync<OperationsView<UtilisationRowView>>(View("utilisation", "period=week&by=therapist"));
        var t1 = byTherapist.Rows.Single(row => row.TherapistId == _t1);
        var t2 = byTherapist.Rows.Single(row => row.TherapistId == _t2);
        Assert.Equal((1680, 180, 0.1071, true), (t1.AvailableMinutes, t1.BookedMinutes, t1.Utilisation!.Value, t1.Suppressed));
        Assert.Equal((480, 120, 0.25, true), (t2.AvailableMinutes, t2.BookedMinutes, t2.Utilisation!.Value, t2.Suppressed));
        Assert.Null(t1.NoShows);

        var days = await manager.ReadAsync<OperationsView<UtilisationRowView>>(View("utilisation", "period=day"));
        var available = days.Rows.ToDictionary(row => row.PeriodStart, row => row.AvailableMinutes);
        Assert.Equal(
            new Dictionary<DateOnly, int> { [new DateOnly(2027, 4, 5)] = 720, [new DateOnly(2027, 4, 6)] = 240, [new DateOnly(2027, 4, 7)] = 720, [new DateOnly(2027, 4, 8)] = 480 },
            available);
    }

    [Fact]
    public async Task A_shortened_closure_gives_back_its_days_and_one_called_off_gives_back_all()
    {
        // Rule: available hours follow a closure as it now stands: shortened to Wednesday, Thursday
        // counts again; called off, Monday does.
        var location = Guid.CreateVersion7();
        var therapist = Guid.CreateVersion7();
        var (midweek, monday) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (mon, wed, thu) = (new DateOnly(2027, 4, 5), new DateOnly(2027, 4, 7), new DateOnly(2027, 4, 8));
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, location);
        var view = $"/api/outcomes/operations/utilisation?from=2027-04-05&to=2027-04-11&locationId={location}&period=day";
        static IReadOnlyDictionary<DateOnly, int> Available(OperationsView<UtilisationRowView> days) => days.Rows.ToDictionary(row => row.PeriodStart, row => row.AvailableMinutes);

        await fixture.Bus.PublishInOrderAsync(
            new LocationPublished(location, "Closing clinic", "America/New_York", [], LongAgo),
            new TherapistWorkingHoursSet(therapist, location, [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(day => Hours(day, 9, 17))], LongAgo),
            new LocationClosureScheduled(location, midweek, wed, thu, LongAgo),
            new LocationClosureScheduled(location, monday, mon, mon, LongAgo));
        var closed = await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(view, days => Available(days).Count == 2);
        Assert.Equal([new DateOnly(2027, 4, 6), new DateOnly(2027, 4, 9)], Available(closed).Keys.Order());

        await fixture.Bus.PublishInOrderAsync(
            new LocationClosureChanged(location, midweek, wed, wed, Removed: false, LongAgo.AddDays(1)),
            new LocationClosureChanged(location, monday, mon, mon, Removed: true, LongAgo.AddDays(1)));
        var reopened = await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(view, days => Available(days).Count == 4);

        Assert.Equal(new Dictionary<DateOnly, int> { [mon] = 480, [new DateOnly(2027, 4, 6)] = 480, [thu] = 480, [new DateOnly(2027, 4, 9)] = 480 }, Available(reopened));
    }

    [Fact]
    public async Task Screening_outcomes_count_each_client_once_with_their_last_outcome_in_the_period()
    {
        var location = Guid.CreateVersion7();
        var tuesday = new DateTimeOffset(2027, 4, 6, 15, 0, 0, TimeSpan.Zero);
        var c = Enumerable.Range(0, 6).Select(_ => Guid.CreateVersion7()).ToArray();
        await fixture.Bus.PublishInOrderAsync(
            Screened(c[0], location, "Cleared", tuesday), Screened(c[1], location, "Cleared", tuesday),
            Screened(c[2], location, "ClearedWithPrecautions", tuesday), Screened(c[3], location, "PhysicianClearanceRequired", tuesday),
            Screened(c[4], location, "PhysicianClearanceRequired", tuesday), Screened(c[5], location, "Contraindicated", tuesday),
            Screened(c[4], location, "Cleared", tuesday.AddDays(2)));
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

        var body = await admin.WaitForViewAsync<OperationsView<ScreeningOutcomeRowView>>(
            $"/api/outcomes/operations/screenings?from=2027-04-05&to=2027-04-11&locationId={location}&period=week",
            body => body.Rows.Count == 1 && body.Rows[0].Cleared == 3);

        var row = Assert.Single(body.Rows);
        Assert.Equal(
            (6, 3, 1, 1, 1, 0.1667, 0.1667),
            (row.ClientsScreened!.Value, row.Cleared!.Value, row.ClearedWithPrecautions!.Value, row.PhysicianClearanceRequired!.Value,
             row.Contraindicated!.Value, row.ShareNeedingClearance!.Value, row.ShareContraindicated!.Value));

        var days = await admin.ReadAsync<OperationsView<ScreeningOutcomeRowView>>($"/api/outcomes/operations/screenings?from=2027-04-05&to=2027-04-11&locationId={location}&period=day");
        Assert.All(days.Rows.Where(day => day.PeriodStart == new DateOnly(2027, 4, 8)), day => Assert.True(day.Suppressed));
    }

    [Fact]
    public async Task Waitlist_offers_and_fills_are_counted_by_the_day_of_the_slot()
    {
        await PublishWeekAsync();
        var thursday = At(3, 15);
        var waiting = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToArray();
        var entry = Guid.CreateVersion7();
        await fixture.Bus.PublishInOrderAsync(
            Offered(entry, _clients[0], _location, _t1, thursday), Offered(entry, _clients[0], _location, _t1, thursday.AddHours(1)),
            Offered(Guid.CreateVersion7(), waiting[0], _location, _t1, thursday), Offered(Guid.CreateVersion7(), waiting[1], _location, _t1, thursday),
            Offered(Guid.CreateVersion7(), waiting[2], _location, _t1, thursday), Offered(Guid.CreateVersion7(), waiting[3], _location, _t1, thursday));
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);

        var body = await manager.WaitForViewAsync<OperationsView<WaitlistActivityRowView>>(View("waitlist", "period=week"), body => body.Rows.Count == 1 && body.Rows[0].Offers == 6);

        var row = Assert.Single(body.Rows);
        Assert.Equal((6, 5, 1, 0.2), (row.Offers!.Value, row.EntriesOffered!.Value, row.Fills!.Value, row.FillRate!.Value));
    }

    [Fact]
    public async Task The_utilisation_csv_has_one_line_per_row()
    {
        await PublishWeekAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);
        await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(View("utilisation", "period=week"), body => body.Rows.Count == 1 && body.Rows[0].Appointments == 7);

        var csv = await manager.GetStringAsync(new Uri(View("utilisation", "period=week&format=csv"), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(
            ["periodStart,locationId,therapistId,availableMinutes,bookedMinutes,utilisation,suppressed,appointments,noShows,noShowRate,cancellations,lateCancellations,lateCancellationRate,newClients,returningClients,remindedAppointments,noShowRateReminded,noShowRateNotReminded",
             $"2027-04-05,{_location},,2160,300,0.1389,false,7,1,0.2,2,1,0.1429,3,1,0,,0.2"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("utilisation", "period=fortnight", "period")]
    [InlineData("utilisation", "by=room", "by")]
    [InlineData("screenings", "format=pdf", "format")]
    public async Task Bad_filters_are_400_problems_naming_the_parameter(string view, string query, string parameter)
    {
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);
        using var response = await manager.GetAsync(new Uri(View(view, query), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"expected an error for '{parameter}' in {problem}");
    }

    [Fact]
    public async Task Each_view_says_how_current_it_is()
    {
        await PublishWeekAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _location);

        var body = await manager.WaitForViewAsync<OperationsView<UtilisationRowView>>(View("utilisation", "period=week"), body => body.Rows.Count == 1 && body.Rows[0].Appointments == 7);

        var freshness = body.Freshness;
        Assert.True(freshness.ProcessedThrough > 0);
        Assert.True(freshness.LastEventAt > DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(0, freshness.PendingEvents);
    }
}
