using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Practice.Locations.ChangingOpeningHours;

public sealed record OpeningHoursRequest(IReadOnlyList<WeeklyHours>? OpeningHours);

/// <summary><c>PUT /api/scheduling/locations/{id}/opening-hours</c> with <c>If-Match</c>: the week's opening hours, replaced.</summary>
internal static class ChangeOpeningHoursEndpoint
{
    private static readonly RecordRules<Location> Rules = Location.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<LocationResponse>> Handle(
        Guid id, OpeningHoursRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors().Hours("openingHours", request.OpeningHours).ThrowIfAny();
        var changed = await writer.WriteAsync(
            Rules, id, Audited.Update,
            location => [new OpeningHoursChanged(id, location.Name, location.TimeZone, request.OpeningHours!, time.GetUtcNow(), user.Id)],
            cancellationToken);
        return TypedResults.Ok(LocationResponse.From(changed.State, changed.Version));
    }
}
