using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using NmtPractice.Web.SignIn;

namespace NmtPractice.Web.Api;

/// <summary>What an API call answered: the value, or the problem (RFC 7807) to show next to the form.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>A ProblemDetails from a service: its title, detail and the errors per field.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, string? Reason = null)
{
    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(pair => string.Equals(pair.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages)
            : null;
}

/// <summary>
/// Calls the services through the gateway as the signed-in user (their access token, from the
/// server-side token store). One per circuit.
/// </summary>
internal sealed class GatewayApi(HttpClient http, AuthenticationStateProvider authentication, TokenStore tokens)
{
    public const string ClientName = "gateway";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, null, cancellationToken);

    /// <summary>A public read (the online booking pages): no token, as any visitor.</summary>
    public async Task<ApiResult<T>> GetPublicAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode
            ? new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null)
            : new ApiResult<T>(default, await ProblemAsync(response, cancellationToken));
    }

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, ifMatch, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, body, ifMatch, cancellationToken);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Delete, path, null, ifMatch, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? ifMatch, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var token = state.User.FindFirstValue(WebSignIn.SessionClaim) is { } session ? await tokens.AccessTokenAsync(session, cancellationToken) : null;
        if (token is null)
        {
            return new ApiResult<T>(default, new ApiProblem(401, "Signed out", "Your session has ended. Reload the page to sign in again.", new Dictionary<string, string[]>()));
        }

        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new ApiResult<T>(
                response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken),
                null);
        }

        return new ApiResult<T>(default, await ProblemAsync(response, cancellationToken));
    }

    private static async Task<ApiProblem> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var errors = problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object
                ? fields.EnumerateObject().ToDictionary(field => field.Name, field => field.Value.EnumerateArray().Select(message => message.GetString() ?? "").ToArray())
                : [];
            return new ApiProblem(
                status,
                problem.TryGetProperty("title", out var title) ? title.GetString() ?? "Request refused" : "Request refused",
                problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
                errors,
                problem.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, status == 403 ? "Not allowed" : "Request refused", null, new Dictionary<string, string[]>());
        }
    }
}
