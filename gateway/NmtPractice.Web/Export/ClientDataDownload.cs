using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using NmtPractice.Contracts.Security;
using NmtPractice.Web.SignIn;

namespace NmtPractice.Web.Export;

/// <summary>
/// <c>GET /my/data.json</c>: a signed-in client's copy of what the clinic holds about them, for each of
/// their records: their details, their latest health answers, their appointments and the messages they
/// were sent, each as the services answer the client (so only what their own token reaches), in one
/// JSON file. Every read is audited by the service that holds it, as the client's.
/// </summary>
internal static class ClientDataDownload
{
    public const string Path = "/my/data.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEndpointRouteBuilder MapClientDataDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext context, TokenStore tokens, IHttpClientFactory http, WebOptions options, TimeProvider time) =>
        {
            var token = context.User.FindFirstValue(WebSignIn.SessionClaim) is { } session ? await tokens.AccessTokenAsync(session, context.RequestAborted) : null;
            if (token is null)
            {
                return Results.Challenge();
            }

            var client = http.CreateClient(TokenStore.ClientName);
            async Task<JsonNode?> GetAsync(string path)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Gateway, path));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request, context.RequestAborted);
                return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(context.RequestAborted)) : null;
            }

            var records = new JsonArray();
            foreach (var id in context.User.FindAll(NmtClaims.Client).Select(claim => claim.Value).Where(value => Guid.TryParse(value, out _)).Distinct())
            {
                records.Add(new JsonObject
                {
                    ["details"] = await GetAsync($"api/intake/clients/{id}"),
                    ["healthAnswers"] = await GetAsync($"api/intake/clients/{id}/intakes/latest"),
                    ["appointments"] = await GetAsync($"api/scheduling/clients/{id}/appointments"),
                    ["messages"] = await GetAsync($"api/notifications/clients/{id}/messages"),
                });
            }

            var document = new JsonObject { ["generatedAt"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["records"] = records };
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(document, Indented), "application/json", "my-nmtpractice-data.json");
        }).RequireAuthorization(policy => policy.RequireRole(NmtRoles.Client));
        return app;
    }
}
