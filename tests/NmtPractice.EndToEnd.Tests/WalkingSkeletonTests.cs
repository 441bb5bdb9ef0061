using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Gateway, scheduling, its event stream, RabbitMQ, outcome-reporting's read model and back through
/// the gateway, in one trace; and what happens when processes crash.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class WalkingSkeletonTests(RunningSystem system)
{
    private readonly HttpClient _gateway = system.CreateGatewayClient();

    [Fact]
    public async Task A_booking_through_the_gateway_reaches_the_outcome_read_model_in_the_same_trace()
    {
        var practice = await E2EPractice.OfAsync(system);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        const string correlationId = "e2e-walking-skeleton";
        var location = E2EPractice.BackBay;
        var startsAt = LocalStart(daysAhead: 250, hour: 10);
        var appointmentId = Guid.CreateVersion7();
        using var api = await system.ClientForAsync("frontdesk.backbay");

        // Scheduling learns of the client from intake's events; until then it answers "Unknown client".
        var booked = await Eventually.ValueAsync(
            "the booking to be taken",
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/scheduling/appointments", UriKind.Relative))
                {
                    Content = JsonContent.Create(practice.Booking(location, startsAt, appointmentId)),
                };
                request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
                request.Headers.Add("X-Correlation-Id", correlationId);
                return await api.SendAsync(request, TestContext.Current.CancellationToken);
            },
            response => response.StatusCode == HttpStatusCode.Created);

        Assert.Equal(correlationId, booked.Headers.GetValues("X-Correlation-Id").Single());
        using var readBack = await api.GetAsync(booked.Headers.Location!.OriginalString.TrimStart('/'), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, readBack.StatusCode);
        booked.Dispose();

        using var manager = await system.ClientForAsync("manager.backbay");
        var date = DateOnly.FromDateTime(startsAt.DateTime);
        var view = await Eventually.ValueAsync(
            "the booking in the daily bookings view through the gateway",
            () => manager.ReadAsync<DailyBookingsView>($"api/outcomes/operations/daily-bookings?from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}&locationId={location}"),
            body => body.Items.Count == 1);
        var row = view.Items[0];
        Assert.Equal(1, row.AppointmentsBooked);
        Assert.Equal(60, row.BookedMinutes);

        // The message id is scheduling's event id; outcome-reporting consumed it in the request's trace.
        var eventId = await ScalarAsync<Guid>("scheduling", "select id from scheduling.mt_events where stream_id = @id", appointmentId);
        var consumed = await QueryAsync(
            "outcome-reporting",
            "select data->>'messageId', data->>'traceId', data->>'correlationId' from outcome_reporting.mt_doc_inboxrecord where data->>'messageId' = @id",
            eventId.ToString());
        Assert.Equal([eventId.ToString(), traceId, correlationId], consumed);
        Assert.Equal(
            correlationId,
            await ScalarAsync<string>("outcome-reporting", "select correlation_id from outcome_reporting.mt_events where stream_id = @id", appointmentId));
    }

    [Fact]
    public async Task Bookings_made_while_outcome_reporting_is_killed_are_counted_after_it_restarts()
    {
        var practice = await E2EPractice.OfAsync(system);
        var outcomes = system.Service("outcome-reporting");
        var location = E2EPractice.Cambridge;
        using var api = await system.ClientForAsync("frontdesk.cambridge");
        await practice.BookAsync(location, api);

        await outcomes.KillAsync();
        var day = LocalStart(daysAhead: 260, hour: 9);
        for (var i = 0; i < 3; i++)
        {
            using var response = await api.PostAsJsonAsync("api/scheduling/appointments", practice.Booking(location, day.AddHours(2 * i)), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        outcomes.Start();
        await outcomes.WaitUntilReadyAsync();

        using var manager = await system.ClientForAsync("manager.cambridge");
        var date = DateOnly.FromDateTime(day.DateTime);
        await Eventually.UntilAsync(
            "3 bookings counted after the restart",
            async () =>
            {
                var items = (await manager.ReadAsync<DailyBookingsView>($"api/outcomes/operations/daily-bookings?from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}&locationId={location}")).Items;
                return items.Count == 1 && items[0].AppointmentsBooked == 3;
            });
    }

    /// <summary>A local time in New York some days ahead, with its offset.</summary>
    private static DateTimeOffset LocalStart(int daysAhead, int hour)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, E2EPractice.Zone).DateTime).AddDays(daysAhead).ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, E2EPractice.Zone.GetUtcOffset(local));
    }

    [Fact]
    public async Task Gateway_readiness_reports_each_service_and_fails_while_one_is_down()
    {
        var ready = await _gateway.GetFromJsonAsync<JsonElement>("health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(
            ["intake", "notifications", "outcome-reporting", "postgres", "scheduling", "treatment-records", "web"],
            ready.GetProperty("checks").EnumerateObject().Select(check => check.Name).Order(StringComparer.Ordinal));

        var intake = system.Service("intake");
        await intake.KillAsync();
        using (var down = await _gateway.GetAsync("health/ready", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            var report = await down.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("intake").GetProperty("status").GetString());
            Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("scheduling").GetProperty("status").GetString());
        }

        intake.Start();
        await system.Gateway.WaitUntilReadyAsync();
    }

    [Theory]
    [InlineData("api/billing/invoices")]
    [InlineData("openapi/v1.json")]
    [InlineData("api")]
    public async Task Paths_outside_the_service_routes_are_not_proxied(string path)
    {
        using var response = await _gateway.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_gateway_root_lists_the_apis()
    {
        var index = await _gateway.GetFromJsonAsync<JsonElement>("/", TestContext.Current.CancellationToken);

        Assert.Equal("NmtPractice", index.GetProperty("product").GetString());
        Assert.Equal("/api/scheduling", index.GetProperty("apis").GetProperty("scheduling").GetString());
    }

    [Fact]
    public async Task A_forged_correlation_id_is_replaced_by_a_safe_one()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/scheduling/appointments/{Guid.CreateVersion7()}");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "fake id with spaces;<script>");

        using var api = await system.ClientForAsync("ops.admin");
        using var response = await api.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var correlation = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", correlation);
        Assert.Equal(correlation, (await response.ProblemAsync()).CorrelationId);
    }

    private async Task<T> ScalarAsync<T>(string service, string sql, object id)
    {
        await using var connection = new NpgsqlConnection(system.Database(service).ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<string?[]> QueryAsync(string service, string sql, object id)
    {
        await using var connection = new NpgsqlConnection(system.Database(service).ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), "no row");
        return Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray();
    }
}
