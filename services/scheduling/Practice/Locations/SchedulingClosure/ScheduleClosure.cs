using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.ServiceDefaults.Writing;

namespace NmtPractice.Scheduling.Practice.Locations.SchedulingClosure;

public sealed record ScheduleClosureRequest(DateOnly? From, DateOnly? To, string? Reason);

/// <summary><c>POST /api/scheduling/locations/{id}/closures</c>: the location is closed on these local dates (at most a year).</summary>
internal static class ScheduleClosureEndpoint
{
    internal static async Task<Ok<LocationResponse>> Handle(
        Guid id, ScheduleClosureRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.From is not null, "from", "Required.")
            .Require(request.To is not null && (request.From is null || request.To >= request.From), "to", "Required, and not before 'from'.")
            .Require(request.From is null || request.To is null || request.To.Value.DayNumber - request.From.Value.DayNumber < 366, "to", "At most a year at a time.")
            .Text("reason", request.Reason, 200)
            .ThrowIfAny();
        var scheduled = await writer.WriteAsync(
            Location.Rules, id, Audited.Update,
            _ => [new ClosureScheduled(id, Guid.CreateVersion7(), request.From!.Value, request.To!.Value, request.Reason!.Trim(), time.GetUtcNow(), user.Id)],
            cancellationToken);
        return TypedResults.Ok(LocationResponse.From(scheduled));
    }
}
