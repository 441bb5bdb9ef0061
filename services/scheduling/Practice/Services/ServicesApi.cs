using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Practice.Services;

public sealed record DefineServiceRequest(Guid? ServiceId, string? Code, string? Name, int? DurationMinutes, int? BufferMinutes, decimal? Price, string? Currency);

/// <summary>The chain's bookable services.</summary>
public static partial class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup($"{ServiceInfo.RoutePrefix}/services").WithTags("Services");
        services.MapPost("/", DefineAsync).RequireRoles(NmtRoles.OperationsAdmin)
            .WithName("DefineService").WithSummary("Define a bookable service").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        services.MapGet("/", ListAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("ListServices").WithSummary("The bookable services");
        return app;
    }

    private static async Task<Created<ServiceDefinition>> DefineAsync(DefineServiceRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
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
        session.Events.StartStream<ServiceDefinition>(defined.ServiceId, defined);
        await PracticeRoles.SaveNewAsync(session, "Service", cancellationToken);
        var service = ServiceDefinition.Create(defined);
        response.SetETag(service.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/services/{service.Code}", service);
    }

    private static async Task<Ok<IReadOnlyList<ServiceDefinition>>> ListAsync(IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ServiceDefinition>>(await session.Query<ServiceDefinition>().OrderBy(s => s.Code).ToListAsync(cancellationToken));

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,31}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial System.Text.RegularExpressions.Regex Code();
}
