using System.Net;
using NmtPractice.Contracts.Notifications;
using NmtPractice.Contracts.Security;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Scheduling with a three-day cancellation notice, recording what it publishes about clients' answers.</summary>
public sealed class ClientAnswerFixture : PracticeWorldFixture
{
    protected override string Purpose => "schedanswer";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Scheduling:LateCancellationNotice"] = "3.00:00:00" };

    protected override Type[] RecordedMessageTypes =>
        [typeof(Published.AppointmentConfirmed), typeof(Published.AppointmentCancelled), typeof(Published.ClientAnswerRefused)];
}

/// <summary>
/// Rule: a client's answer to a message (from the notifications service) is carried out as the
/// client: "confirm" marks the appointment confirmed by the client; "cancel" cancels it and frees its
/// time when the notice is kept, and inside it is refused (the appointment stays booked, marked that
/// the client asked). Each is audited with the client as the actor and published with the answer's id.
/// </summary>
public sealed class ClientAnswerTests(ClientAnswerFixture fixture) : IClassFixture<ClientAnswerFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task A_confirmation_by_the_client_is_recorded_audited_and_published_with_the_answer()
    {
        var client = await World.ClientAsync();
        using var desk = World.Desk;
        var id = await (await desk.BookAsync(World.Booking(client, World.At(10, daysAhead: 7)))).IdOfAsync();
        var answer = Guid.NewGuid();

        await fixture.Bus.PublishAsync(new AppointmentAnswered(answer, id, client, World.LocationId, "confirm", "sms", DateTimeOffset.UtcNow), Guid.NewGuid());

        var published = (Published.AppointmentConfirmed)(await fixture.Bus.WaitForAsync<Published.AppointmentConfirmed>(m => m.AppointmentId == id)).Message;
        Assert.Equal((answer, "sms", client), (published.AnswerId, published.Via, published.ClientId));
        var appointment = await desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{id}");
        Assert.NotNull(appointment.ConfirmedByClientAt);
        Assert.Equal("Booked", appointment.Status);
        Assert.Equal($"client:{client:N}", await fixture.AuditedActorAsync(id, "confirm"));
    }

    [Fact]
    public async Task A_cancellation_with_the_notice_kept_cancels_frees_the_time_and_names_the_answer()
    {
        var client = await World.ClientAsync();
        var next = await World.ClientAsync();
        using var desk = World.Desk;
        var startsAt = World.At(11, daysAhead: 8);
        var id = await (await desk.BookAsync(World.Booking(client, startsAt))).IdOfAsync();
        var answer = Guid.NewGuid();

        await fixture.Bus.PublishAsync(new AppointmentAnswered(answer, id, client, World.LocationId, "cancel", "sms", DateTimeOffset.UtcNow), Guid.NewGuid());

        var published = (Published.AppointmentCancelled)(await fixture.Bus.WaitForAsync<Published.AppointmentCancelled>(m => m.AppointmentId == id)).Message;
        Assert.Equal((answer, "client-request", false), (published.AnswerId, published.Reason, published.LateCancellation));
        Assert.Equal("Cancelled", (await desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{id}")).Status);
        using var rebooked = await desk.BookAsync(World.Booking(next, startsAt));
        Assert.Equal(HttpStatusCode.Created, rebooked.StatusCode);
        Assert.Equal($"client:{client:N}", await fixture.AuditedActorAsync(id, "cancel"));
    }

    [Fact]
    public async Task A_cancellation_inside_the_notice_is_refused_and_the_appointment_stays_booked()
    {
        var client = await World.ClientAsync();
        using var desk = World.Desk;
        var id = await (await desk.BookAsync(World.Booking(client, World.At(12, daysAhead: 1)))).IdOfAsync();
        var answer = Guid.NewGuid();

        await fixture.Bus.PublishAsync(new AppointmentAnswered(answer, id, client, World.LocationId, "cancel", "sms", DateTimeOffset.UtcNow), Guid.NewGuid());

        var refused = (Published.ClientAnswerRefused)(await fixture.Bus.WaitForAsync<Published.ClientAnswerRefused>(m => m.AppointmentId == id)).Message;
        Assert.Equal((answer, "late-cancellation"), (refused.AnswerId, refused.Reason));
        var appointment = await desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{id}");
        Assert.Equal("Booked", appointment.Status);
        Assert.NotNull(appointment.ClientAskedToCancelAt);

        // The desk calls; the client keeps it: the request is settled, once, by the desk and not by a therapist.
        var path = new Uri($"/api/scheduling/appointments/{id}/cancel-request/kept", UriKind.Relative);
        using var therapist = World.Host.CreateClientAs(NmtRoles.Therapist, World.LocationId);
        using var byTherapist = await therapist.PostAsync(path, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, byTherapist.StatusCode);
        using var settled = await desk.PostAsync(path, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        var kept = await desk.ReadAsync<AppointmentView>($"/api/scheduling/appointments/{id}");
        Assert.Equal(("Booked", (DateTimeOffset?)null), (kept.Status, kept.ClientAskedToCancelAt));
        using var again = await desk.PostAsync(path, null, TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.Conflict, "No cancel request"), (again.StatusCode, await again.ProblemTitleAsync()));
    }
}
