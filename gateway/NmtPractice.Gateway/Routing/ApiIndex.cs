namespace NmtPractice.Gateway.Routing;

/// <summary><c>GET /</c>: what this gateway serves, for a person or a client finding their way.</summary>
internal static class ApiIndex
{
    public static IEndpointRouteBuilder MapApiIndex(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Ok(new
        {
            product = "NmtPractice",
            description = "Practice management for neuromuscular massage therapy clinics.",
            apis = new Dictionary<string, string>
            {
                ["scheduling"] = "/api/scheduling",
                ["intake"] = "/api/intake",
                ["treatment-records"] = "/api/treatments",
                ["outcome-reporting"] = "/api/outcomes",
                ["notifications"] = "/api/notifications",
            },
            app = "/app/",
            health = new { live = "/health/live", ready = "/health/ready" },
        }))
        .ExcludeFromDescription();
        return app;
    }
}
