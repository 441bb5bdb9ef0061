using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace NmtPractice.Web.SignIn;

/// <summary>A signed-in session's tokens; they never leave this process (the browser holds only a session cookie).</summary>
internal sealed record SessionTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? IdentityToken = null, string? ClientId = null);

/// <summary>
/// The tokens of every signed-in session, kept server-side and refreshed with the refresh token
/// shortly before the access token expires. Kept in memory: after a restart of the web
/// application people sign in again.
/// </summary>
internal sealed partial class TokenStore(IHttpClientFactory http, IOptions<WebOptions> options, TimeProvider time, ILogger<TokenStore> logger)
{
    public const string ClientName = "identity";
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, SessionTokens> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshing = new(StringComparer.Ordinal);

    /// <summary>Keeps a new session's tokens, issued to <paramref name="clientId"/> (the staff application's or the portal's), and names the session.</summary>
    public string Add(string accessToken, string? refreshToken, int? expiresInSeconds, string? identityToken, string? clientId = null)
    {
        var session = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        _sessions[session] = new SessionTokens(accessToken, refreshToken, time.GetUtcNow().AddSeconds(expiresInSeconds ?? 300), identityToken, clientId);
        return session;
    }

    /// <summary>
    /// Ends a session: forgets its tokens and revokes its refresh token at the identity server, so a
    /// copy of it is worth nothing. Returns the identity token, for the identity server's sign-out.
    /// </summary>
    public async Task<string?> EndAsync(string session, CancellationToken cancellationToken)
    {
        _sessions.TryGetValue(session, out var tokens);
        Remove(session);
        if (tokens?.RefreshToken is { } refreshToken)
        {
            var client = http.CreateClient(ClientName);
            using var request = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = tokens.ClientId ?? options.Value.ClientId,
                ["token"] = refreshToken,
                ["token_type_hint"] = "refresh_token",
            });
            using var response = await client.PostAsync(new Uri(options.Value.Authority!, "connect/revoke"), request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRevocationRefused(logger, (int)response.StatusCode);
            }
        }

        return tokens?.IdentityToken;
    }

    public bool Knows(string session) => _sessions.ContainsKey(session);

    public void Remove(string session)
    {
        _sessions.TryRemove(session, out _);
        if (_refreshing.TryRemove(session, out var gate))
        {
            gate.Dispose();
        }
    }

    /// <summary>A current access token for the session, refreshed when needed; null when the session is over.</summary>
    public async Task<string?> AccessTokenAsync(string session, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(session, out var tokens))
        {
            return null;
        }

        if (tokens.ExpiresAt - RefreshAhead > time.GetUtcNow())
        {
            return tokens.AccessToken;
        }

        var gate = _refreshing.GetOrAdd(session, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_sessions.TryGetValue(session, out var current) && current.ExpiresAt - RefreshAhead > time.GetUtcNow())
            {
                return current.AccessToken;
            }

            var refreshed = tokens.RefreshToken is null ? null : await RefreshAsync(tokens.RefreshToken, tokens.ClientId ?? options.Value.ClientId, cancellationToken);
            if (refreshed is null)
            {
                _sessions.TryRemove(session, out _);
                return null;
            }

            _sessions[session] = refreshed;
            return refreshed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SessionTokens?> RefreshAsync(string refreshToken, string clientId, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(ClientName);
        using var request = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
        });
        using var response = await client.PostAsync(new Uri(options.Value.Authority!, "connect/token"), request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogRefreshRefused(logger, (int)response.StatusCode);
            return null;
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return body?.AccessToken is null ? null : new SessionTokens(body.AccessToken, body.RefreshToken ?? refreshToken, time.GetUtcNow().AddSeconds(body.ExpiresIn ?? 300), body.IdToken, clientId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity server refused to revoke a signed-out session's refresh token ({Status})")]
    private static partial void LogRevocationRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "A session's refresh was refused ({Status}); the user signs in again")]
    private static partial void LogRefreshRefused(ILogger logger, int status);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("id_token")] string? IdToken);
}
