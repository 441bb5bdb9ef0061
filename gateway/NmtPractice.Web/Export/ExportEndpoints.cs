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
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                return Results.Text(body, response.Content.Headers.ContentType?.ToString() ?? "application/problem+json", statusCode: (int)response.StatusCode);
            }

            var names = await NamesAsync(token, http, options, context.RequestAborted);
            var named = CsvNames.Add(body, value => names.GetValueOrDefault(value) ?? MonthName(value));
            return Results.File(System.Text.Encoding.UTF8.GetBytes(named), "text/csv; charset=utf-8", $"{view}.csv");
        }).RequireAuthorization();
        return app;
    }

    /// <summary>Names of the locations, therapists and techniques the user may see, by id or code.</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(string token, IHttpClientFactory http, WebOptions options, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["all"] = "All", ["unknown"] = "Not recorded" };
        var client = http.CreateClient(TokenStore.ClientName);

        async Task<System.Text.Json.JsonElement?> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Gateway, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken) : null;
        }

        foreach (var path in new[] { "api/scheduling/locations", "api/scheduling/therapists" })
        {
            if (await GetAsync(path) is { ValueKind: System.Text.Json.JsonValueKind.Array } list)
            {
                foreach (var item in list.EnumerateArray())
                {
                    names[item.GetProperty("id").GetString()!] = item.GetProperty("name").GetString()!;
                }
            }
        }

        if (await GetAsync("api/treatments/techniques") is { } catalogue && catalogue.TryGetProperty("kinds", out var kinds))
        {
            foreach (var kind in kinds.EnumerateArray())
            {
                names[kind.GetProperty("code").GetString()!] = kind.GetProperty("name").GetString()!;
            }
        }

        return names;
    }

    private static string? MonthName(string key) =>
        DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var month)
            ? month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
