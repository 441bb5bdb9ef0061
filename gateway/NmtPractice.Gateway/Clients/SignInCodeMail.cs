using Microsoft.Extensions.Options;
using NmtPractice.Gateway.Identity;
using Yarp.ReverseProxy;

namespace NmtPractice.Gateway.Clients;

/// <summary>
/// Asks the notifications service to email a sign-in code, and learns which client records the address
/// opens. Reached on its internal address, as the reverse proxy reaches it (any of its replicas), at a
/// path the proxy does not route, with the key the two share. The identity server asks for every
/// address alike, known or not, so the time an answer takes tells nothing either.
/// </summary>
internal sealed class SignInCodeMail(HttpClient http, IProxyStateLookup proxy, IOptions<NmtIdentityOptions> options)
{
    public const string KeyHeader = "X-Sign-In-Key";
    public const string Path = "internal/sign-in-codes";

    private readonly ClientSignInOptions _settings = options.Value.ClientSignIn;

    /// <summary>The client records of <paramref name="email"/> (none for an address no client has); null when notifications could not be reached.</summary>
    public async Task<IReadOnlyList<Guid>?> SendAsync(Guid requestId, string email, string code, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (Destination() is not { } notifications)
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(notifications, Path))
        {
            Content = JsonContent.Create(new { requestId, email, code, expiresAt }),
        };
        request.Headers.TryAddWithoutValidation(KeyHeader, _settings.CodeKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var answer = await response.Content.ReadFromJsonAsync<Answer>(cancellationToken);
            return answer?.ClientIds ?? [];
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private Uri? Destination()
    {
        if (!proxy.TryGetCluster(_settings.NotificationsCluster, out var cluster))
        {
            return null;
        }

        var available = cluster.DestinationsState.AvailableDestinations;
        var all = available.Count > 0 ? available : cluster.DestinationsState.AllDestinations;
        if (all.Count == 0)
        {
            return null;
        }

        var address = all[Random.Shared.Next(all.Count)].Model.Config.Address;
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private sealed record Answer(IReadOnlyList<Guid> ClientIds);
}
