using System.Text.RegularExpressions;

namespace NmtPractice.Scheduling.Practice.Services.DefiningService;

public sealed record DefineServiceRequest(Guid? ServiceId, string? Code, string? Name, int? DurationMinutes, int? BufferMinutes, decimal? Price, string? Currency);

/// <summary><c>POST /api/scheduling/services</c>: operations define a bookable service (its code unique), its length, buffer and price.</summary>
internal static partial class DefineServiceEndpoint
{
    internal static async Task<Created<ServiceResponse>> Handle(
        DefineServiceRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ServiceTerms.Check(request.Name, request.DurationMinutes, request.BufferMinutes, request.Price, request.Currency)
            .Require(request.Code is not null && Code().IsMatch(request.Code), "code", "2 to 32 letters, digits and dashes, for example NMT-60.")
            .ThrowIfAny();

        var defined = new ServiceDefined(
            request.ServiceId ?? Guid.CreateVersion7(), request.Code!.ToUpperInvariant(), request.Name!.Trim(), request.DurationMinutes!.Value,
            request.BufferMinutes ?? 0, request.Price!.Value, request.Currency!, time.GetUtcNow(), user.Id);
        var service = await writer.StartAsync(ServiceDefinition.Rules, defined.ServiceId, ServiceDefinition.Create(defined), [defined], PracticeRoles.Exists("Service"), cancellationToken);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/services/{defined.Code}", ServiceResponse.From(service.State));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,31}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Code();
}
