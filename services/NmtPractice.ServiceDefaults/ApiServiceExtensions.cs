using Microsoft.AspNetCore.Builder;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults;

/// <summary>
/// What each of the four API services starts from, one call per phase; the service's own wiring
/// (event store, messaging, its endpoints) follows in its <c>Add&lt;Service&gt;()</c> and
/// <c>Map&lt;Service&gt;()</c>.
/// </summary>
public static class ApiServiceExtensions
{
    /// <summary>The shared defaults, access-token validation and OpenAPI.</summary>
    public static WebApplicationBuilder AddNmtApiService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults();
        builder.AddNmtAuthentication();
        builder.AddNmtOpenApi();
        return builder;
    }

    /// <summary>The shared middleware, then the health and OpenAPI endpoints.</summary>
    public static WebApplication UseNmtApiService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapNmtOpenApi();
        return app;
    }
}
