using System.Net;
using System.Net.Http.Json;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// A manager changes a therapist's hours, time off and services only for locations the manager
/// manages: a therapist who also works at another location is that location's too, and taking on
/// another location's therapist is for an operations admin.
/// </summary>
public sealed class TherapistReachTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private static readonly IReadOnlyList<DayHours> Week = DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0));

    private PracticeWorld World => fixture.World;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A location of its own (besides the world's Back Bay) and a therapist who works only there.</summary>
    private async Task<(Guid Location, Guid Therapist)> CambridgeWithTherapistAsync()
    {
        var location = Guid.CreateVersion7();
        var therapist = Guid.CreateVersion7();
        using var admin = World.Admin;
        await new PracticeBuilder()
            .Location(new OpenLocation(location, "Cambridge", new PostalAddress("1 Brattle St", "Cambridge", "MA", "02138", "US"), PracticeWorld.TimeZone, Week))
            .Room(new AddRoom(Guid.CreateVersion7(), "Room 1"))
            .Therapist(new RegisterTherapist(therapist, "Noor Haddad", ["NMT-60"]), Week)
            .BuildAsync(admin, Cancel);
        return (location, therapist);
    }

    private async Task<TherapistView> TherapistAsync(Guid id)
    {
        using var admin = World.Admin;
        return await admin.ReadAsync<TherapistView>($"/api/scheduling/therapists/{id}");
    }

    [Fact]
    public async Task A_manager_cannot_take_on_another_locations_therapist_by_setting_hours_at_their_own()
    {
        var (_, cambridgeTherapist) = await CambridgeWithTherapistAsync();
        using var backBayManager = World.Host.CreateClientAs(NmtRoles.ClinicManager, World.LocationId);
        var before = await TherapistAsync(cambridgeTherapist);

        using var taken = await backBayManager.PutAsJsonAsync($"/api/scheduling/therapists/{cambridgeTherapist}/locations/{World.LocationId}/hours", new WorkingHours(Week), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, taken.StatusCode);
        var after = await TherapistAsync(cambridgeTherapist);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.LocationIds!, after.LocationIds!);
        using var admin = World.Admin;
        var row = Assert.Single(await admin.AuditAsync("scheduling", cambridgeTherapist.ToString()), entry => entry.Outcome == "denied");
        Assert.Equal((backBayManager.Subject(), "therapist"), (row.UserId, row.ResourceType));
    }

    [Fact]
    public async Task Time_off_and_services_of_a_therapist_shared_with_another_location_are_not_one_managers_to_change()
    {
        var (cambridge, shared) = await CambridgeWithTherapistAsync();
        using var admin = World.Admin;
        using var alsoBackBay = await admin.PutAsJsonAsync($"/api/scheduling/therapists/{shared}/locations/{World.LocationId}/hours", new WorkingHours(Week), Cancel);
        Assert.Equal(HttpStatusCode.OK, alsoBackBay.StatusCode);
        var etag = alsoBackBay.Headers.ETag!.Tag;
        using var backBayManager = World.Host.CreateClientAs(NmtRoles.ClinicManager, World.LocationId);
        using var bothManager = World.Host.CreateClientAs(NmtRoles.ClinicManager, World.LocationId, cambridge);
        var from = DateTimeOffset.UtcNow.AddDays(60);

        using var timeOff = await backBayManager.PostAsJsonAsync($"/api/scheduling/therapists/{shared}/time-off", new BookTimeOff(from, from.AddDays(2), "Leave"), Cancel);
        using var services = await backBayManager.SendAsync(WithIfMatch($"/api/scheduling/therapists/{shared}/services", new ChangeTherapistServices(["NMT-30"]), etag), Cancel);
        using var ownHours = await backBayManager.PutAsJsonAsync($"/api/scheduling/therapists/{shared}/locations/{World.LocationId}/hours", new WorkingHours(DayHours.EveryDay(new TimeOnly(10, 0), new TimeOnly(14, 0))), Cancel);
        using var theirHours = await backBayManager.PutAsJsonAsync($"/api/scheduling/therapists/{shared}/locations/{cambridge}/hours", new WorkingHours([]), Cancel);
        using var byBoth = await bothManager.PostAsJsonAsync($"/api/scheduling/therapists/{shared}/time-off", new BookTimeOff(from, from.AddDays(2), "Leave"), Cancel);

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            (timeOff.StatusCode, services.StatusCode, ownHours.StatusCode, theirHours.StatusCode, byBoth.StatusCode));
        var after = await TherapistAsync(shared);
        Assert.Equal(["NMT-60"], after.Services);
        Assert.Single(after.TimeOff!);
    }

    private static HttpRequestMessage WithIfMatch(string path, object body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
