using NmtPractice.Testing;
using System.Net;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Intake's screening, learnt from its events, gates booking.</summary>
public sealed class ScreeningGateTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Theory]
    [InlineData("Contraindicated", false, "Client contraindicated")]
    [InlineData("Cleared", true, "Intake expired")]
    public async Task Contraindicated_clients_and_expired_intakes_are_refused_with_the_reason(string screening, bool expired, string title)
    {
        var client = await World.ClientAsync(screening, intakeExpired: expired);
        using var desk = World.Desk;

        using var response = await desk.BookAsync(World.Booking(client, World.At(10, daysAhead: 40)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(title, problem.Title);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Theory]
    [InlineData("PhysicianClearanceRequired", "clearance-pending")]
    [InlineData(null, "screening-pending")]
    public async Task Clients_awaiting_clearance_or_screening_are_booked_with_a_flag(string? screening, string flag)
    {
        var client = await World.ClientAsync(screening);
        using var desk = World.Desk;

        using var response = await desk.BookAsync(World.Booking(client, World.At(screening is null ? 11 : 14, daysAhead: 41)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([flag], (await response.ReadAsync<AppointmentView>()).Flags);
    }

    [Fact]
    public async Task A_check_in_treatment_records_opened_no_note_for_shows_why_on_the_appointment_and_the_calendar()
    {
        // Rule: when the screening gate refuses the note at check-in, the front desk sees the reason.
        var client = await World.ClientAsync("PhysicianClearanceRequired");
        using var desk = World.Desk;
        var startsAt = World.At(9, daysAhead: 42);
        var id = await (await desk.BookAsync(World.Booking(client, startsAt))).IdOfAsync();
        Assert.Null((await desk.AppointmentAsync(id)).NoteRefused);

        await fixture.Bus.PublishAsync(new NmtPractice.Contracts.TreatmentRecords.CheckInNoteRefused(id, client, World.LocationId, "clearance-required", DateTimeOffset.UtcNow), Guid.CreateVersion7());

        var appointment = await Eventually.ValueAsync("the refusal to reach scheduling", () => desk.AppointmentAsync(id), a => a.NoteRefused is not null);
        Assert.Equal("clearance-required", appointment.NoteRefused);
        var calendar = await desk.ReadAsync<CalendarView>($"/api/scheduling/locations/{World.LocationId}/calendar?date={World.Day(42):yyyy-MM-dd}");
        Assert.Equal("clearance-required", calendar.Days.Single().Columns.SelectMany(c => c.Appointments).Single(a => a.Id == id).NoteRefused);
        var arrivals = await desk.ReadAsync<IReadOnlyList<AppointmentView>>($"/api/scheduling/locations/{World.LocationId}/arrivals?date={World.Day(42):yyyy-MM-dd}");
        Assert.Equal("clearance-required", arrivals.Single(a => a.Id == id).NoteRefused);
    }

    [Fact]
    public async Task A_client_scheduling_has_not_heard_of_is_refused()
    {
        using var desk = World.Desk;

        using var response = await desk.BookAsync(World.Booking(Guid.CreateVersion7(), World.At(16, daysAhead: 41)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Unknown client", await response.ProblemTitleAsync());
    }
}
