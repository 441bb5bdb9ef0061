using System.Text.Json;
using System.Diagnostics;

namespace NmtPractice.ServiceDefaults.Http;

/// <summary>RFC 7807 ProblemDetails for every error a host returns.</summary>
public static class ProblemDetailsExtensions
{
    /// <summary>Registers ProblemDetails with trace and correlation ids, and the exception mapping.</summary>
    public static IServiceCollection AddNmtProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
            if (Activity.Current is { } activity)
            {
                problem.Extensions["traceId"] = activity.TraceId.ToHexString();
            }

            if (CorrelationContext.Current is { } correlation)
            {
                problem.Extensions["correlationId"] = correlation.CorrelationId;
            }

            // Name fields as the JSON body does (camelCase), whoever reported the error.
            if (problem is HttpValidationProblemDetails validation)
            {
                var errors = validation.Errors.ToDictionary(pair => JsonFieldName(pair.Key), pair => pair.Value, StringComparer.Ordinal);
                validation.Errors.Clear();
                foreach (var (field, messages) in errors)
                {
                    validation.Errors[field] = messages;
                }
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Binding failures (malformed JSON, a wrong-typed route or query value) throw in every
        // environment, so that they reach the handler and name the field that was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary><c>Patient.DateOfBirth</c> becomes <c>patient.dateOfBirth</c>; header names stay as they are.</summary>
    internal static string JsonFieldName(string key) =>
        key.Contains('-', StringComparison.Ordinal)
            ? key
            : string.Join('.', key.Split('.').Select(part => JsonNamingPolicy.CamelCase.ConvertName(part)));
}
