using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice.Locations.OpeningLocation;

public sealed record OpenLocationRequest(Guid? LocationId, string? Name, Address? Address, string? TimeZone, IReadOnlyList<WeeklyHours>? OpeningHours);

/// <summary><c>POST /api/scheduling/locations</c>: operations open a clinic with its address, time zone and weekly opening hours.</summary>
internal static class OpenLocationEndpoint
{
    internal static async Task<Created<LocationResponse>> Handle(
        OpenLocationRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var address = request.Address;
        new InputErrors()
            .LocationDetails(request.Name, address, request.TimeZone)
            .Hours("openingHours", request.OpeningHours)
            .ThrowIfAny();

        var opened = new LocationOpened(request.LocationId ?? Guid.CreateVersion7(), request.Name!.Trim(), address!, request.TimeZone!, request.OpeningHours!, time.GetUtcNow(), user.Id);
        var location = await writer.StartAsync(Location.Rules, opened.LocationId, Location.Create(opened), [opened], PracticeRoles.Exists("Location"), cancellationToken);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/locations/{opened.LocationId}", LocationResponse.From(location.State, location.Version));
    }
}
