using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Scheduling.Appointments;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

public sealed class BookingAppointmentTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private readonly HttpClient _client = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

    private IDocumentStore Store => fixture.Host.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Booking_appends_AppointmentBooked_with_correlation_and_trace_metadata()
    {
        const string correlationId = "test-booking-correlation-1";
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();

        using var response = await _client.BookAsync(Requests.Booking(), request =>
        {
            request.Headers.Add("X-Correlation-Id", correlationId);
            request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(correlationId, response.Headers.GetValues("X-Correlation-Id").Single());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/scheduling/appointments/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Booked", body.GetProperty("status").GetString());

        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken);
        var booked = Assert.Single(events);
        Assert.IsType<AppointmentBooked>(booked.Data);
        Assert.Equal(correlationId, booked.CorrelationId);
        Assert.Contains(traceId, booked.GetHeader("traceparent")?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booked_appointment_reads_back_with_its_version_as_etag()
    {
        using var created = await _client.BookAsync(Requests.Booking(durationMinutes: 90));
        var location = created.Headers.Location!;

        using var response = await _client.GetAsync(location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(90, (body.GetProperty("endsAt").GetDateTimeOffset() - body.GetProperty("startsAt").GetDateTimeOffset()).TotalMinutes);
    }

    [Fact]
    public async Task An_unknown_appointment_is_a_404_problem()
    {
        using var response = await _client.GetAsync(new Uri($"/api/scheduling/appointments/{Guid.CreateVersion7()}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{", "body" },
        { """{"clientId":"not-a-guid"}""", "clientId" },
        { "{}", "clientId" },
        { """{"clientId":"0199c1a0-0000-7000-8000-000000000001","locationId":"0199c1a0-0000-7000-8000-000000000002","therapistId":"0199c1a0-0000-7000-8000-000000000003","serviceCode":"NMT 60","startsAt":"2030-01-01T10:00:00Z","durationMinutes":60}""", "serviceCode" },
        { """{"clientId":"0199c1a0-0000-7000-8000-000000000001","locationId":"0199c1a0-0000-7000-8000-000000000002","therapistId":"0199c1a0-0000-7000-8000-000000000003","serviceCode":"NMT-60","startsAt":"2030-01-01T10:00:00Z","durationMinutes":600}""", "durationMinutes" },
        { """{"clientId":"00000000-0000-0000-0000-000000000000","locationId":"0199c1a0-0000-7000-8000-000000000002","therapistId":"0199c1a0-0000-7000-8000-000000000003","serviceCode":"NMT-60","startsAt":"2030-01-01T10:00:00Z","durationMinutes":60}""", "clientId" },
        { """{"clientId":"0199c1a0-0000-7000-8000-000000000001","locationId":"0199c1a0-0000-7000-8000-000000000002","therapistId":"0199c1a0-0000-7000-8000-000000000003","serviceCode":"NMT-60","startsAt":"2001-01-01T10:00:00Z","durationMinutes":60}""", "startsAt" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await CountEventsAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync(new Uri("/api/scheduling/appointments", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {problem}");
        Assert.Equal(before, await CountEventsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var content = new StringContent("clientId=1", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _client.PostAsync(new Uri("/api/scheduling/appointments", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_retried_booking_with_the_same_id_and_details_returns_the_same_appointment_once()
    {
        var id = Guid.CreateVersion7();
        var body = Requests.Booking(appointmentId: id);

        using var first = await _client.BookAsync(body);
        using var retry = await _client.BookAsync(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(id, (await retry.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid());
        await using var session = Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reusing_an_id_for_a_different_booking_is_a_409_and_keeps_the_original()
    {
        var id = Guid.CreateVersion7();
        using var first = await _client.BookAsync(Requests.Booking(appointmentId: id));

        using var conflicting = await _client.BookAsync(Requests.Booking(appointmentId: id, durationMinutes: 30));

        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
        Assert.Equal("application/problem+json", conflicting.Content.Headers.ContentType?.MediaType);
        await using var session = Store.QuerySession();
        var appointment = await session.LoadAsync<Appointment>(id, TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromMinutes(60), appointment!.EndsAt - appointment.StartsAt);
        Assert.Single(await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken));
    }

    private async Task<int> CountEventsAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync(TestContext.Current.CancellationToken);
    }
}
