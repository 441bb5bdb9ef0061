using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>A dashboard period outside the years 1900 to 2200 is a 400 naming the bound, never a 500 from the period arithmetic.</summary>
public sealed class OutOfRangeDatesTests(OutcomeReportingFixture fixture) : IClassFixture<OutcomeReportingFixture>
{
    [Theory]
    [InlineData("operations/utilisation?from=9999-12-01&to=9999-12-31&period=month", "from")]
    [InlineData("operations/daily-bookings?from=2027-01-01&to=9999-12-31", "to")]
    [InlineData("operations/screenings?from=1000-01-01&to=2027-01-01", "from")]
    [InlineData("clinical?from=2027-01-01&to=2201-01-01", "to")]
    public async Task A_period_out_of_range_is_a_400_naming_the_bound(string query, string field)
    {
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);

        using var response = await admin.GetAsync(new Uri($"/api/outcomes/{query}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
