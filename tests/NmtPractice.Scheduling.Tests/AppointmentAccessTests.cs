using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Roles and locations are enforced on every appointment the service returns or changes.</summary>
public sealed class AppointmentAccessTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    [Fact]
    public async Task Front_desk_of_another_location_cannot_book_here_and_nothing_is_written()
    {
        var client = await World.ClientAsync();
        using var elsewhere = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Guid.CreateVersion7());
        var id = Guid.CreateVersion7();

        using var response = await elsewhere.BookAsync(World.Booking(client, World.At(10), appointmentId: id));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Null(await session.Events.FetchStreamStateAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Therapists_read_appointments_but_do_not_book_or_cancel_them()
    {
        var client = await World.ClientAsync();
        using var desk = World.Desk;
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, World.LocationId);
        using var booked = await desk.BookAsync(World.Booking(client, World.At(12)));
        var id = await booked.IdOfAsync();

        using var read = await therapist.GetAsync(booked.Headers.Location, TestContext.Current.CancellationToken);
        using var book = await therapist.BookAsync(World.Booking(client, World.At(14)));
        using var cancel = await therapist.CommandAsync(id, "cancel", new CancelAppointment("client-request"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, book.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal("Booked", await desk.StatusOfAsync(id));
        var theirs = await desk.ReadAsync<ClientAppointmentsView>($"/api/scheduling/clients/{client}/appointments");
        Assert.Equal([id], theirs.Upcoming.Select(appointment => appointment.Id));
    }

    [Fact]
    public async Task An_appointment_at_another_location_is_forbidden_even_by_id()
    {
        var client = await World.ClientAsync();
        using var desk = World.Desk;
        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        using var booked = await desk.BookAsync(World.Booking(client, World.At(10), therapistId: World.OtherTherapist));

        using var read = await otherManager.GetAsync(booked.Headers.Location, TestContext.Current.CancellationToken);
        var id = await booked.IdOfAsync();
        using var cancel = await otherManager.CommandAsync(id, "cancel", new CancelAppointment("other"));

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal("Booked", await desk.StatusOfAsync(id));
    }
}
