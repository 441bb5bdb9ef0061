using System.Text.RegularExpressions;

namespace NmtPractice.Scheduling.Practice.Services.DefiningService;

public sealed record DefineServiceRequest(Guid? ServiceId, string? Code, string? Name, int? DurationMinutes, int? BufferMinutes, decimal? Price, string? Currency);

/// <summary><c>POST /api/scheduling/services</c>: operations define a bookable service (its code unique), its length, buffer and price.</summary>
internal static partial class DefineServiceEndpoint
{
    internal static async Task<Created<ServiceResponse>> Handle(
        DefineServiceRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.Code is not null && Code().IsMatch(request.Code), "code", "2 to 32 letters, digits and dashes, for example NMT-60.")
            .Text("name", request.Name, 100)
            .Require(request.DurationMinutes is >= 15 and <= 240 && request.DurationMinutes % 5 == 0, "durationMinutes", "15 to 240, in steps of 5.")
            .Require(request.BufferMinutes is null or (>= 0 and <= 60), "bufferMinutes", "0 to 60.")
            .Require(request.Price is >= 0 and <= 100_000, "price", "0 to 100000.")
            .Require(request.Currency is { Length: 3 } currency && currency.All(char.IsAsciiLetterUpper), "currency", "An ISO 4217 code, for example USD.")
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
