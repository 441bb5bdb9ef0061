using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NmtPractice.Contracts.Security;
using NmtPractice.Testing;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Scheduling with a clock the test moves, for the day-of-appointment steps.</summary>
public sealed class ClockedSchedulingFixture : PracticeWorldFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string Purpose => "schedclock";

    protected override Type[] RecordedMessageTypes =>
    [
        typeof(Published.AppointmentBooked), typeof(Published.AppointmentRescheduled), typeof(Published.AppointmentCancelled),
        typeof(Published.AppointmentCheckedIn), typeof(Published.AppointmentCompleted), typeof(Published.AppointmentMarkedNoShow),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>A front desk whose token is valid on both the real and the moved clock.</summary>
    public HttpClient Desk() => Host.CreateClient().WithToken(TestTokens.ForClock(Clock.GetUtcNow(), NmtRoles.FrontDesk, World.LocationId));
}

/// <summary>Check in, complete, no-show on the day: each transition checked, each published (a clock per test).</summary>
public sealed class DayOfAppointmentTests
{
    [Fact]
    public async Task An_appointment_is_checked_in_on_the_day_then_completed_and_every_step_is_published()
    {
        await using var fixture = new ClockedSchedulingFixture();
        await fixture.InitializeAsync();
        var world = fixture.World;
        var client = await world.ClientAsync();
        var startsAt = world.At(10, daysAhead: 3);
        using var desk = fixture.Desk();
        var id = await (await desk.BookAsync(world.Booking(client, startsAt))).IdOfAsync();

        using var tooEarly = await desk.CommandAsync(id, "check-in");
        using var notCheckedIn = await desk.CommandAsync(id, "complete");
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notCheckedIn.StatusCode);

        fixture.Clock.SetUtcNow(startsAt.AddMinutes(-20).ToUniversalTime());
        using var morningDesk = fixture.Desk();
        using var checkedIn = await morningDesk.CommandAsync(id, "check-in", ifMatch: "\"1\"");
        using var again = await morningDesk.CommandAsync(id, "check-in");
        using var noShow = await morningDesk.CommandAsync(id, "no-show");
        using var completed = await morningDesk.CommandAsync(id, "complete");

        Assert.Equal(HttpStatusCode.OK, checkedIn.StatusCode);
        Assert.Equal("\"2\"", checkedIn.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noShow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Completed", (await completed.ReadAsync<AppointmentView>()).Status);
        await fixture.Bus.WaitForAsync<Published.AppointmentCheckedIn>(m => m.AppointmentId == id && m.ClientId == client);
        await fixture.Bus.WaitForAsync<Published.AppointmentCompleted>(m => m.AppointmentId == id && m.StartsAt == startsAt);
    }

    [Fact]
    public async Task A_no_show_is_marked_only_once_the_appointment_has_started()
    {
        await using var fixture = new ClockedSchedulingFixture();
        await fixture.InitializeAsync();
        var world = fixture.World;
        var client = await world.ClientAsync();
        var startsAt = world.At(14, daysAhead: 4);
        using var desk = fixture.Desk();
        var id = await (await desk.BookAsync(world.Booking(client, startsAt, therapistId: world.OtherTherapist))).IdOfAsync();

        using var early = await desk.CommandAsync(id, "no-show");
        var beforeItStarts = await desk.StatusOfAsync(id);
        fixture.Clock.SetUtcNow(startsAt.AddMinutes(15).ToUniversalTime());
        using var lateDesk = fixture.Desk();
        using var marked = await lateDesk.CommandAsync(id, "no-show");
        using var cancelAfter = await lateDesk.CommandAsync(id, "cancel", new CancelAppointment("client-request"));

        Assert.Equal((HttpStatusCode.Conflict, "Not started yet", "Booked"), (early.StatusCode, await early.ProblemTitleAsync(), beforeItStarts));
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cancelAfter.StatusCode);
        Assert.Equal("NoShow", await lateDesk.StatusOfAsync(id));
        await fixture.Bus.WaitForAsync<Published.AppointmentMarkedNoShow>(m => m.AppointmentId == id);
    }

}

/// <summary>Scheduling whose late-cancellation notice is 72 hours.</summary>
public sealed class NoticeSchedulingFixture : PracticeWorldFixture
{

    protected override string Purpose => "schednotice";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Scheduling:LateCancellationNotice"] = "3.00:00:00" };

    protected override Type[] RecordedMessageTypes => [typeof(Published.AppointmentCancelled), typeof(Published.AppointmentRescheduled)];
}

/// <summary>Cancel and reschedule: each transition checked, each published.</summary>
public sealed class CancelAndRescheduleTests(NoticeSchedulingFixture fixture) : IClassFixture<NoticeSchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task Cancelling_inside_the_notice_window_is_flagged_late_and_frees_the_slot()
    {
        var early = await World.ClientAsync();
        var late = await World.ClientAsync();
        var next = await World.ClientAsync();
        using var desk = World.Desk;
        var inAWeek = await (await desk.BookAsync(World.Booking(early, World.At(11, daysAhead: 7)))).IdOfAsync();
        var tomorrow = World.At(15, daysAhead: 1);
        var soon = await (await desk.BookAsync(World.Booking(late, tomorrow))).IdOfAsync();

        using var cancelledEarly = await desk.CommandAsync(inAWeek, "cancel", new CancelAppointment("client-illness", "Flu"));
        using var cancelledLate = await desk.CommandAsync(soon, "cancel", new CancelAppointment("client-request"));
        using var rebooked = await desk.BookAsync(World.Booking(next, tomorrow));

        Assert.False((await cancelledEarly.ReadAsync<AppointmentView>()).LateCancellation);
        Assert.True((await cancelledLate.ReadAsync<AppointmentView>()).LateCancellation);
        Assert.Equal(HttpStatusCode.Created, rebooked.StatusCode);
        var published = (Published.AppointmentCancelled)(await fixture.Bus.WaitForAsync<Published.AppointmentCancelled>(m => m.AppointmentId == soon)).Message;
        Assert.True(published.LateCancellation);
        Assert.Equal("client-request", published.Reason);
    }

    [Fact]
    public async Task Rescheduling_moves_the_reservation_and_refuses_an_occupied_time()
    {
        var first = await World.ClientAsync();
        var second = await World.ClientAsync();
        using var desk = World.Desk;
        var moving = await (await desk.BookAsync(World.Booking(first, World.At(9, daysAhead: 5)))).IdOfAsync();
        _ = await (await desk.BookAsync(World.Booking(second, World.At(13, daysAhead: 5)))).IdOfAsync();

        using var onTop = await desk.CommandAsync(moving, "reschedule", new RescheduleAppointment(World.At(13, 30, daysAhead: 5)));
        using var moved = await desk.CommandAsync(moving, "reschedule", new RescheduleAppointment(World.At(11, daysAhead: 5)), ifMatch: "\"1\"");
        using var stale = await desk.CommandAsync(moving, "reschedule", new RescheduleAppointment(World.At(15, daysAhead: 5)), ifMatch: "\"1\"");
        using var intoFreedSlot = await desk.BookAsync(World.Booking(await World.ClientAsync(), World.At(9, daysAhead: 5)));

        Assert.Equal(HttpStatusCode.Conflict, onTop.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(World.At(11, daysAhead: 5), (await moved.ReadAsync<AppointmentView>()).StartsAt);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Created, intoFreedSlot.StatusCode);
        var published = (Published.AppointmentRescheduled)(await fixture.Bus.WaitForAsync<Published.AppointmentRescheduled>(m => m.AppointmentId == moving)).Message;
        Assert.Equal(World.At(9, daysAhead: 5), published.PreviousStartsAt);
    }
}
