using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace NmtPractice.ServiceDefaults.Api;

/// <summary>
/// Every service publishes an OpenAPI document at <c>/openapi/v1.json</c>: to anyone in development,
/// elsewhere only to a signed-in caller (it maps the whole attack surface).
/// </summary>
public static class OpenApiExtensions
{
    /// <summary>Adds the OpenAPI document generator.</summary>
    public static IHostApplicationBuilder AddNmtOpenApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Maps the document, and in development an interactive reference at <c>/scalar</c>.</summary>
    public static WebApplication MapNmtOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var document = app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            document.AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }
}
