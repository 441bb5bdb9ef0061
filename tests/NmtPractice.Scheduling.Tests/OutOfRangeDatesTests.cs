using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// A date outside the years 1900 to 2200, in a query or a body, is a 400 naming the field, and
/// nothing is written: year 9999 used to overflow the day arithmetic of calendars, feeds and bookings
/// into a 500.
/// </summary>
public sealed class OutOfRangeDatesTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    public static TheoryData<string, string> Queries() => new()
    {
        { "availability?locationId={location}&serviceCode=NMT-60&from=9999-12-30&to=9999-12-31", "from" },
        { "availability?locationId={location}&serviceCode=NMT-60&from=1899-12-31&to=1900-01-02", "from" },
        { "locations/{location}/calendar?date=9999-12-31&days=7", "date" },
        { "locations/{location}/arrivals?date=9999-12-31", "date" },
        { "therapists/{therapist}/calendar.ics?from=2027-01-01&to=9999-12-31", "to" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_query_date_out_of_range_is_a_400_naming_it(string query, string field)
    {
        using var desk = World.Desk;

        using var response = await desk.GetAsync(
            $"/api/scheduling/{query.Replace("{location}", World.LocationId.ToString(), StringComparison.Ordinal).Replace("{therapist}", World.Therapist.ToString(), StringComparison.Ordinal)}",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ErrorsAsync(response)).TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("9999-12-31T10:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task A_booking_in_year_9999_is_a_400_naming_the_start_and_books_nothing(string startsAt)
    {
        var client = await World.ClientAsync();
        using var desk = World.Desk;
        var appointmentId = Guid.CreateVersion7();
        var body = JsonSerializer.SerializeToNode(World.Booking(client, World.At(10), appointmentId: appointmentId), JsonSerializerOptions.Web)!;
        body["startsAt"] = startsAt;

        using var response = await desk.PostAsync("/api/scheduling/appointments", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var read = await desk.GetAsync($"/api/scheduling/appointments/{appointmentId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ErrorsAsync(response)).TryGetProperty("startsAt", out _));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Time_off_until_year_9999_is_a_400_naming_its_end()
    {
        using var admin = World.Admin;

        using var response = await admin.PostAsync(
            $"/api/scheduling/therapists/{World.OtherTherapist}/time-off",
            new StringContent("""{"from":"2027-01-01T00:00:00Z","to":"9999-12-31T00:00:00Z","reason":"Away"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ErrorsAsync(response)).TryGetProperty("to", out _));
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
}
