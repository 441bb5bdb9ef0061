using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Scheduling.Appointments;
using BookAppointment = NmtPractice.Testing.Practice.BookAppointment;

namespace NmtPractice.Scheduling.Tests;

public sealed class BookingAppointmentTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    private IDocumentStore Store => fixture.Host.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Booking_appends_AppointmentBooked_with_correlation_and_trace_metadata_and_reserves_therapist_and_room()
    {
        const string correlationId = "test-booking-correlation-1";
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var client = await World.ClientAsync();
        using var desk = World.Desk;

        using var response = await desk.BookAsync(World.Booking(client, World.At(10)), request =>
        {
            request.Headers.Add("X-Correlation-Id", correlationId);
            request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(correlationId, response.Headers.GetValues("X-Correlation-Id").Single());
        var body = await response.ReadAsync<AppointmentView>();
        var id = body.Id;
        Assert.Equal($"/api/scheduling/appointments/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Booked", body.Status);
        Assert.Equal("Test C.", body.ClientName);
        Assert.Equal(World.At(10), body.StartsAt);
        Assert.Equal(World.At(10).Offset, body.StartsAt.Offset);
        Assert.Equal(World.RoomA, body.RoomId);

        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken);
        var booked = Assert.Single(events);
        Assert.IsType<AppointmentBooked>(booked.Data);
        Assert.Equal(correlationId, booked.CorrelationId);
        Assert.Contains(traceId, booked.GetHeader("traceparent")?.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await ReservationsAsync(id));
    }

    [Fact]
    public async Task A_booked_appointment_reads_back_with_its_version_as_etag()
    {
        var client = await World.ClientAsync();
        using var desk = World.Desk;
        using var created = await desk.BookAsync(World.Booking(client, World.At(12), service: "NMT-30"));

        using var response = await desk.GetAsync(created.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var body = await response.ReadAsync<AppointmentView>();
        Assert.Equal(30, (body.EndsAt - body.StartsAt).TotalMinutes);
    }

    [Fact]
    public async Task An_unknown_appointment_is_a_404_problem()
    {
        using var desk = World.Desk;

        using var response = await desk.GetAsync(new Uri($"/api/scheduling/appointments/{Guid.CreateVersion7()}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{", "body" },
        { """{"clientId":"not-a-guid"}""", "clientId" },
        { "{}", "clientId" },
        { """{"clientId":"@C","locationId":"@L","therapistId":"@T","serviceCode":"NMT 60","startsAt":"@S"}""", "serviceCode" },
        { """{"clientId":"@C","locationId":"@L","therapistId":"@T","serviceCode":"NMT-60","startsAt":"2001-01-01T10:00:00Z"}""", "startsAt" },
        { """{"clientId":"@C","locationId":"@L","therapistId":"@T","serviceCode":"NMT-60","startsAt":"@S+3"}""", "startsAt" },
        { """{"clientId":"@C","locationId":"@L","therapistId":"@T","serviceCode":"NMT-60","startsAt":"not a time"}""", "startsAt" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_writes_nothing(string template, string field)
    {
        var client = await World.ClientAsync();
        var json = template
            .Replace("@C", client.ToString(), StringComparison.Ordinal)
            .Replace("@L", World.LocationId.ToString(), StringComparison.Ordinal)
            .Replace("@T", World.Therapist.ToString(), StringComparison.Ordinal)
            .Replace("@S+3", World.At(10, 3).ToString("O"), StringComparison.Ordinal)
            .Replace("@S", World.At(10).ToString("O"), StringComparison.Ordinal);
        var before = await CountEventsAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var desk = World.Desk;

        using var response = await desk.PostAsync(new Uri("/api/scheduling/appointments", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {problem}");
        Assert.Equal(before, await CountEventsAsync());
    }

    [Theory]
    [InlineData("location", "Location not found")]
    [InlineData("therapist", "Therapist not found")]
    [InlineData("service", "Service not found")]
    [InlineData("room", "Room not found")]
    public async Task Unknown_ids_are_404_problems_naming_what_is_unknown(string unknown, string title)
    {
        var client = await World.ClientAsync();
        using var admin = World.Admin;
        var body = new BookAppointment(
            null,
            client,
            unknown == "location" ? Guid.CreateVersion7() : World.LocationId,
            unknown == "therapist" ? Guid.CreateVersion7() : World.Therapist,
            unknown == "service" ? "NMT-999" : "NMT-60",
            World.At(10, daysAhead: 9),
            unknown == "room" ? Guid.CreateVersion7() : null);

        using var response = await admin.BookAsync(body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(title, await response.ProblemTitleAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var content = new StringContent("clientId=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var desk = World.Desk;

        using var response = await desk.PostAsync(new Uri("/api/scheduling/appointments", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_retried_booking_with_the_same_id_and_details_returns_the_same_appointment_once()
    {
        var client = await World.ClientAsync();
        var id = Guid.CreateVersion7();
        var body = World.Booking(client, World.At(13), appointmentId: id, therapistId: World.OtherTherapist);
        using var desk = World.Desk;

        using var first = await desk.BookAsync(body);
        using var retry = await desk.BookAsync(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(id, await retry.IdOfAsync());
        await using var session = Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reusing_an_id_for_a_different_booking_is_a_409_and_keeps_the_original()
    {
        var client = await World.ClientAsync();
        var id = Guid.CreateVersion7();
        using var desk = World.Desk;
        using var first = await desk.BookAsync(World.Booking(client, World.At(15), appointmentId: id, therapistId: World.OtherTherapist));

        using var conflicting = await desk.BookAsync(World.Booking(client, World.At(15), appointmentId: id, therapistId: World.OtherTherapist, service: "NMT-30"));

        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
        await using var session = Store.QuerySession();
        var appointment = await session.LoadAsync<Appointment>(id, TestContext.Current.CancellationToken);
        Assert.Equal("NMT-60", appointment!.ServiceCode);
    }

    private async Task<int> CountEventsAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync(TestContext.Current.CancellationToken);
    }

    private async Task<long> ReservationsAsync(Guid appointmentId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from scheduling.slot_reservations where appointment_id = @id", connection);
        command.Parameters.AddWithValue("id", appointmentId);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
