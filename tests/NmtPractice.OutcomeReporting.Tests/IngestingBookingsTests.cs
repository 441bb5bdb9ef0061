using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Testing;
using NmtPractice.Contracts.Security;

namespace NmtPractice.OutcomeReporting.Tests;

public sealed class IngestingBookingsTests(OutcomeReportingFixture fixture) : IClassFixture<OutcomeReportingFixture>
{
    private readonly HttpClient _client = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

    [Fact]
    public async Task A_booking_counts_on_its_local_day_at_its_location()
    {
        var location = Guid.CreateVersion7();
        // 00:30 on 6 January in UTC+1 is still 5 January in UTC: the location's day counts.
        var booking = DailyBookingsQueries.Booking(location, new DateTimeOffset(2027, 1, 6, 0, 30, 0, TimeSpan.FromHours(1)), minutes: 90);

        await fixture.Bus.PublishAsync(booking, Guid.CreateVersion7());

        var row = await _client.WaitForBookedCountAsync(location, new DateOnly(2027, 1, 6), 1);
        Assert.Equal(90, row!.BookedMinutes);
        Assert.Null(await _client.RowAsync(location, new DateOnly(2027, 1, 5)));
    }

    [Fact]
    public async Task A_redelivered_message_is_counted_once()
    {
        var location = Guid.CreateVersion7();
        var day = new DateTimeOffset(2027, 2, 1, 10, 0, 0, TimeSpan.Zero);
        var messageId = Guid.CreateVersion7();
        var booking = DailyBookingsQueries.Booking(location, day);
        await fixture.Bus.PublishAsync(booking, messageId);
        await _client.WaitForBookedCountAsync(location, DateOnly.FromDateTime(day.DateTime), 1);

        await fixture.Bus.PublishAsync(booking, messageId);
        await Eventually.UntilAsync(
            "the redelivery to be recognised by the inbox",
            async () => (await fixture.Host.InboxAsync(messageId)).Single().DuplicateDeliveries == 1);

        var row = await _client.RowAsync(location, DateOnly.FromDateTime(day.DateTime));
        Assert.Equal(1, row!.AppointmentsBooked);
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(booking.AppointmentId, token: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Distinct_bookings_on_a_day_add_up()
    {
        var location = Guid.CreateVersion7();
        var day = new DateTimeOffset(2027, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));
        foreach (var minutes in new[] { 30, 60, 90 })
        {
            await fixture.Bus.PublishAsync(DailyBookingsQueries.Booking(location, day.AddHours(minutes / 30), minutes), Guid.CreateVersion7());
        }

        var row = await _client.WaitForBookedCountAsync(location, new DateOnly(2027, 3, 2), 3);
        Assert.Equal(180, row!.BookedMinutes);
    }

    [Fact]
    public async Task The_daily_bookings_view_exports_csv_and_says_how_current_it_is()
    {
        var location = Guid.CreateVersion7();
        var day = new DateTimeOffset(2027, 3, 9, 9, 0, 0, TimeSpan.FromHours(-5));
        await fixture.Bus.PublishAsync(DailyBookingsQueries.Booking(location, day, 45), Guid.CreateVersion7());
        await _client.WaitForBookedCountAsync(location, new DateOnly(2027, 3, 9), 1);

        var body = await _client.WaitForViewAsync<DailyBookingsView>($"/api/outcomes/operations/daily-bookings?from=2027-03-09&to=2027-03-09&locationId={location}", _ => true);
        var csv = await _client.GetStringAsync(new Uri($"/api/outcomes/operations/daily-bookings?from=2027-03-09&to=2027-03-09&locationId={location}&format=csv", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(body.Freshness.ProcessedThrough > 0);
        Assert.Equal(["locationId,date,appointmentsBooked,bookedMinutes", $"{location},2027-03-09,1,45"], csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_inbox_keeps_the_correlation_and_trace_of_each_message()
    {
        var location = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(
            DailyBookingsQueries.Booking(location, new DateTimeOffset(2027, 4, 1, 9, 0, 0, TimeSpan.Zero)),
            messageId,
            new Dictionary<string, string> { ["nmt-correlation-id"] = "inbox-correlation-1" });

        var record = (await Eventually.ValueAsync(
            "the message in the inbox",
            () => fixture.Host.InboxAsync(messageId),
            records => records.Count == 1)).Single();

        Assert.Equal("inbox-correlation-1", record.CorrelationId);
        Assert.Equal("AppointmentBooked", record.MessageType);
        Assert.Matches("^[0-9a-f]{32}$", record.TraceId);
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "from=2027-01-10&to=2027-01-01", "to" },
        { "from=2027-01-01&to=2029-01-01", "to" },
        { "from=yesterday&to=2027-01-01", "from" },
        { "to=2027-01-01", "from" },
        { "from=2027-01-01&to=2027-01-02&locationId=nope", "locationId" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_queries_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        using var response = await _client.GetAsync(new Uri($"/api/outcomes/operations/daily-bookings?{query}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(parameter, out _), $"expected an error for '{parameter}' in {problem}");
    }
}
