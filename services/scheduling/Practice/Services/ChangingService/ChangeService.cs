namespace NmtPractice.Scheduling.Practice.Services.ChangingService;

public sealed record ChangeServiceRequest(string? Name, int? DurationMinutes, int? BufferMinutes, decimal? Price, string? Currency);

/// <summary>
/// <c>PUT /api/scheduling/services/{code}</c> with <c>If-Match</c>: operations change a service's name,
/// length, turnover buffer or price. Bookings made from then on use the new terms; appointments already
/// booked keep the time and length they were booked with.
/// </summary>
internal static class ChangeServiceEndpoint
{
    private static readonly RecordRules<ServiceDefinition> Rules = ServiceDefinition.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<ServiceResponse>> Handle(
        string code, ChangeServiceRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ServiceTerms.Check(request.Name, request.DurationMinutes, request.BufferMinutes, request.Price, request.Currency).ThrowIfAny();
        var normalised = code.Trim().ToUpperInvariant();
        var id = await writer.Session.Query<ServiceDefinition>().Where(service => service.Code == normalised).Select(service => service.Id).FirstOrDefaultAsync(cancellationToken);
        if (id == Guid.Empty)
        {
            throw new NotFoundException("No such service", $"No service has the code {normalised}.");
        }

        var changed = await writer.WriteAsync(Rules, id, Audited.Update, service =>
        {
            var terms = new ServiceChanged(
                id, request.Name!.Trim(), request.DurationMinutes!.Value, request.BufferMinutes ?? 0, request.Price!.Value, request.Currency!, time.GetUtcNow(), user.Id);
            return terms.Matches(service) ? [] : [terms];
        }, cancellationToken);
        return TypedResults.Ok(ServiceResponse.From(changed.State, changed.Version));
    }
}
