using System.Net.Http.Headers;
using System.Security.Claims;
using NmtPractice.Web.SignIn;

namespace NmtPractice.Web.Export;

/// <summary>
/// <c>GET /export/{view}.csv?...</c>: the outcome dashboards' CSV exports, fetched through the
/// gateway with the signed-in user's token (the browser has no token to send itself). Only the
/// dashboard views can be exported, with the user's own filters.
/// </summary>
internal static class ExportEndpoints
{
    private static readonly Dictionary<string, string> Views = new(StringComparer.Ordinal)
    {
        ["clinical-outcomes"] = "api/outcomes/clinical",
        ["utilisation"] = "api/outcomes/operations/utilisation",
        ["screenings"] = "api/outcomes/operations/screenings",
        ["waitlist"] = "api/outcomes/operations/waitlist",
    };

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/{view}.csv", async (string view, HttpContext context, TokenStore tokens, IHttpClientFactory http, WebOptions options) =>
        {
            if (!Views.TryGetValue(view, out var path))
            {
                return Results.NotFound();
            }

            var token = context.User.FindFirstValue(WebSignIn.SessionClaim) is { } session
                ? await tokens.AccessTokenAsync(session, context.RequestAborted)
                : null;
            if (token is null)
            {
                return Results.Challenge();
            }

            var query = QueryString.Create(context.Request.Query
                .Where(pair => pair.Key != "format")
                .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value))))
                .Add("format", "csv");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Gateway, path + query.ToUriComponent()));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.CreateClient(TokenStore.ClientName).SendAsync(request, context.RequestAborted);
            var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            return response.IsSuccessStatusCode
                ? Results.File(body, "text/csv; charset=utf-8", $"{view}.csv")
                : Results.Text(System.Text.Encoding.UTF8.GetString(body), response.Content.Headers.ContentType?.ToString() ?? "application/problem+json", statusCode: (int)response.StatusCode);
        }).RequireAuthorization();
        return app;
    }
}
