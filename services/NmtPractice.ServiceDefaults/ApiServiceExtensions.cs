using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults;

/// <summary>How each of the four API services starts: <c>Program.cs</c> is one call to <see cref="Run"/>.</summary>
public static class ApiServiceExtensions
{
    /// <summary>
    /// Builds and runs an API service: the shared defaults, access-token validation, OpenAPI and the
    /// port's own limits and security headers (<see cref="ServiceEdge"/>), then
    /// the service's own wiring (<paramref name="add"/>: its event store, messaging, options); the shared
    /// middleware, the health and OpenAPI endpoints, then the service's endpoints (<paramref name="map"/>).
    /// </summary>
    public static void Run(
        string[] args, Func<WebApplicationBuilder, WebApplicationBuilder> add, Func<IEndpointRouteBuilder, IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddNmtAuthentication();
        builder.AddNmtOpenApi();
        builder.AddNmtServiceEdge();
        add(builder);

        var app = builder.Build();
        app.UseNmtSecurityHeaders();
        app.UseServiceDefaults();
        app.UseNmtRequestLimits();
        app.MapDefaultEndpoints();
        app.MapNmtOpenApi();
        map(app.MapGroup(string.Empty).RequireSaneDates());
        app.Run();
    }
}
