namespace NmtPractice.ServiceDefaults.Api;

/// <summary>The problems endpoints of the same kind answer with, declared once for the OpenAPI document.</summary>
public static class EndpointProblems
{
    /// <summary>An endpoint on one record: 404 when no record has the id, 403 when it belongs to a location the caller does not work at.</summary>
    public static RouteHandlerBuilder ProducesRecordProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A change that must name the version it was made to: 412 when <c>If-Match</c> is not the current version, 428 without it.</summary>
    public static RouteHandlerBuilder ProducesVersionProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
