using System.Text.Json;
using System.Text.RegularExpressions;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Writing;
using Npgsql;

namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// Maps exceptions to ProblemDetails: bad input to 400/413/415, concurrency to 409, preconditions to
/// 412, an unavailable database to 503 with Retry-After. Only unexpected faults give 500.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            LogUnavailable(logger, exception.GetType().Name);
        }

        if (exception is ForbiddenException { Audited: false } refused)
        {
            await RefusalAudit.RecordAsync(httpContext, refused.LocationId, cancellationToken).ConfigureAwait(false);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        RequestValidationException validation => new HttpValidationProblemDetails(Capped(validation.Errors))
        {
            Status = validation.StatusCode,
            Title = validation.Title,
            Detail = validation.Message,
        },
        ProblemException known => WithExtensions(Problem(known.StatusCode, known.Title, known.Message), known.Extensions),
        BadHttpRequestException { InnerException: JsonException json } badRequest => new HttpValidationProblemDetails(
            new Dictionary<string, string[]>
            {
                [FieldFromJsonPath(json.Path)] = ["The value is missing, of the wrong type or in the wrong format."],
            })
        {
            Status = badRequest.StatusCode,
            Title = "Malformed request",
            Detail = "The request body is not valid JSON for this endpoint.",
        },
        BadHttpRequestException badRequest when ParameterName(badRequest.Message) is { } parameter => new HttpValidationProblemDetails(
            new Dictionary<string, string[]>
            {
                [parameter] = [badRequest.Message.Contains("was not provided", StringComparison.Ordinal)
                    ? "This parameter is required."
                    : "The value is not valid for this parameter."],
            })
        {
            Status = badRequest.StatusCode,
            Title = "Malformed request",
            Detail = badRequest.Message,
        },
        BadHttpRequestException badRequest => Problem(
            badRequest.StatusCode,
            badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Malformed request",
            badRequest.Message),
        ConcurrencyException => Problem(
            StatusCodes.Status409Conflict,
            "Concurrent change",
            "The resource was changed by another request at the same time. Read it again and retry."),
        _ when Writing.StoreErrors.IsCollision(exception) => Problem(
            StatusCodes.Status409Conflict,
            "Already exists",
            "A resource with this id already exists."),
        _ when exception.FindPostgres() is { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } => Problem(
            StatusCodes.Status409Conflict,
            "Concurrent change",
            "Another request changed the same data at the same moment. Read it again and retry."),
        // Also when wrapped (Marten wraps a connection lost mid-command in a MartenCommandException).
        _ when Messaging.TransientFailure.Is(exception) => Problem(
            StatusCodes.Status503ServiceUnavailable,
            "Temporarily unavailable",
            "A dependency of this service is not reachable. Retry shortly."),
        _ => null,
    };

    /// <summary>The most fields a 400 names; a larger list ends with a count of the rest under <c>more</c>.</summary>
    internal const int MaxErrorFields = 50;

    /// <summary>Where a 400 counts the problems it does not name.</summary>
    internal const string MoreField = "more";

    /// <summary>The most messages a 400 gives for one field.</summary>
    internal const int MaxMessagesPerField = 5;

    /// <summary>A request with a hundred thousand bad items gets a short answer, not megabytes of it.</summary>
    internal static Dictionary<string, string[]> Capped(IReadOnlyDictionary<string, string[]> errors)
    {
        // A list InputErrors has capped already counts what it left out under "more"; keep that.
        var fields = errors.Where(pair => pair.Key != MoreField).ToList();
        var capped = fields.Take(MaxErrorFields).ToDictionary(pair => pair.Key, pair => pair.Value.Take(MaxMessagesPerField).ToArray(), StringComparer.Ordinal);
        if (errors.TryGetValue(MoreField, out var counted))
        {
            capped[MoreField] = counted;
        }
        else if (fields.Count > MaxErrorFields)
        {
            capped[MoreField] = [$"And {fields.Count - MaxErrorFields} more fields with problems."];
        }

        return capped;
    }

    /// <summary><c>$.client.dateOfBirth</c> becomes <c>client.dateOfBirth</c>; an unknown position is <c>body</c>.</summary>
    internal static string FieldFromJsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    /// <summary>
    /// The parameter a minimal-API binding failure names, from messages such as
    /// <c>Failed to bind parameter "DateOnly from" from "x".</c> or
    /// <c>Required parameter "DateOnly from" was not provided from query string.</c>
    /// </summary>
    internal static string? ParameterName(string message) =>
        BindingFailure().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    [GeneratedRegex(@"parameter ""(?:[^""]*\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex BindingFailure();

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IDictionary<string, object?> extensions)
    {
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request failed because a dependency is unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
