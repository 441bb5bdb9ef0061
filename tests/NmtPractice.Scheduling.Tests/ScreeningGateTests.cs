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
    public async Task A_client_scheduling_has_not_heard_of_is_refused()
    {
        using var desk = World.Desk;

        using var response = await desk.BookAsync(World.Booking(Guid.CreateVersion7(), World.At(16, daysAhead: 41)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Unknown client", await response.ProblemTitleAsync());
    }
}
