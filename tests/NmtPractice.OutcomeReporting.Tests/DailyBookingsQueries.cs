using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.Testing;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>Helpers to publish bookings and read the daily bookings view.</summary>
internal static class DailyBookingsQueries
{
    public static AppointmentBooked Booking(Guid locationId, DateTimeOffset startsAt, int minutes = 60) => new(
        Guid.CreateVersion7(),
        Guid.CreateVersion7(),
        locationId,
        Guid.CreateVersion7(),
        "NMT-60",
        startsAt,
        startsAt.AddMinutes(minutes),
        DateTimeOffset.UtcNow);

    public static async Task<DailyBookingsRowView?> RowAsync(this HttpClient client, Guid locationId, DateOnly date)
    {
        var items = (await client.ReadAsync<DailyBookingsView>($"/api/outcomes/operations/daily-bookings?from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}&locationId={locationId}")).Items;
        return items.Count == 0 ? null : items[0];
    }

    public static Task<DailyBookingsRowView?> WaitForBookedCountAsync(this HttpClient client, Guid locationId, DateOnly date, int count) =>
        Eventually.ValueAsync(
            $"{count} bookings on {date} in the daily bookings view",
            () => client.RowAsync(locationId, date),
            row => row?.AppointmentsBooked == count);

    /// <summary>The inbox records of a message on an ingestion endpoint (scheduling's events by default; the client-reach endpoint takes bookings too).</summary>
    public static async Task<IReadOnlyList<InboxRecord>> InboxAsync<TProgram>(
        this WebApplicationFactory<TProgram> host, Guid messageId, string endpoint = "outcome-reporting-scheduling-events")
        where TProgram : class
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<InboxRecord>().Where(record => record.MessageId == messageId && record.Endpoint == endpoint).ToListAsync(TestContext.Current.CancellationToken);
    }
}
