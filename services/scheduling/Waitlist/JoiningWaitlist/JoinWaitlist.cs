namespace NmtPractice.Scheduling.Waitlist.JoiningWaitlist;

public sealed record JoinWaitlistRequest(Guid? ClientId, Guid? LocationId, string? ServiceCode, Guid? TherapistId, DateOnly? From, DateOnly? To);

/// <summary>
/// <c>POST /api/scheduling/waitlist</c>: a client waits for a service at a location within a date range
/// of up to 92 days (optionally with one therapist); a freed slot is offered to the longest waiting.
/// </summary>
internal static class JoinWaitlistEndpoint
{
    internal static async Task<Created<WaitlistEntryResponse>> Handle(
        JoinWaitlistRequest request, RecordWriter writer, CurrentUser user, ClientReaches reaches, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = writer.Session;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        new InputErrors()
            .Require(request.ClientId is { } c && c != Guid.Empty, "clientId", "Required.")
            .Require(request.LocationId is { } l && l != Guid.Empty, "locationId", "Required.")
            .Require(!string.IsNullOrWhiteSpace(request.ServiceCode), "serviceCode", "Required.")
            .Require(request.From is { } from && from >= today.AddDays(-1), "from", "Required, and not in the past.")
            .Require(request.To is { } to && request.From is { } start && to >= start && to.DayNumber - start.DayNumber <= 92, "to", "Required, not before 'from', at most 92 days later.")
            .ThrowIfAny();
        user.EnsureCanAccess(request.LocationId!.Value);
        await reaches.EnsureMayServeAtAsync(request.ClientId!.Value, request.LocationId.Value, cancellationToken);
        _ = await session.LoadAsync<Location>(request.LocationId.Value, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        if (request.TherapistId is { } therapistId
            && (await session.LoadAsync<Therapist>(therapistId, cancellationToken))?.LocationIds.Contains(request.LocationId.Value) != true)
        {
            throw new RequestValidationException("therapistId", "Not a therapist working at this location.");
        }

        var code = request.ServiceCode!.ToUpperInvariant();
        if (!await session.Query<ServiceDefinition>().AnyAsync(s => s.Code == code, cancellationToken))
        {
            throw new NotFoundException("Service not found", $"No service has the code {request.ServiceCode}.");
        }

        var joined = new ClientWaitlisted(Guid.CreateVersion7(), request.ClientId!.Value, request.LocationId.Value, code, request.TherapistId, request.From!.Value, request.To!.Value, time.GetUtcNow(), user.Id);
        var entry = await writer.StartAsync(WaitlistEntry.Rules, joined.EntryId, WaitlistEntry.Create(joined), [joined], PracticeRoles.Exists("Waitlist entry"), cancellationToken);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/waitlist/{joined.EntryId}", WaitlistEntryResponse.Of(entry));
    }
}
