using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>Roles and locations are enforced on every appointment the service returns or changes.</summary>
public sealed class AppointmentAccessTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private readonly Guid _here = Guid.CreateVersion7();
    private readonly Guid _elsewhere = Guid.CreateVersion7();

    [Fact]
    public async Task Front_desk_books_at_its_own_location()
    {
        using var client = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _here);

        using var response = await client.BookAsync(Requests.Booking(locationId: _here));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Front_desk_cannot_book_at_another_location_and_nothing_is_written()
    {
        using var client = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _here);
        var id = Guid.CreateVersion7();

        using var response = await client.BookAsync(Requests.Booking(appointmentId: id, locationId: _elsewhere));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Null(await session.Events.FetchStreamStateAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Therapists_read_appointments_but_do_not_book_them()
    {
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _here);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _here);
        using var booked = await desk.BookAsync(Requests.Booking(locationId: _here));

        using var read = await therapist.GetAsync(booked.Headers.Location, TestContext.Current.CancellationToken);
        using var book = await therapist.BookAsync(Requests.Booking(locationId: _here));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, book.StatusCode);
    }

    [Fact]
    public async Task An_appointment_at_another_location_is_forbidden_even_by_id()
    {
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _elsewhere);
        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _here);
        using var booked = await desk.BookAsync(Requests.Booking(locationId: _elsewhere));

        using var read = await otherManager.GetAsync(booked.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task Operations_admins_work_at_every_location()
    {
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

        using var booked = await admin.BookAsync(Requests.Booking(locationId: Guid.CreateVersion7()));
        using var read = await admin.GetAsync(booked.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
