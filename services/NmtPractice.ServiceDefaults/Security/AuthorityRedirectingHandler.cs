namespace NmtPractice.ServiceDefaults.Security;

/// <summary>
/// Fetches the authority's discovery document and signing keys from an internal address while the
/// tokens keep naming the public issuer: inside a container network the public URL of the gateway
/// (for example http://localhost:8080) is not where the gateway is reachable (http://gateway:8080).
/// </summary>
public sealed class AuthorityRedirectingHandler(Uri publicAuthority, Uri internalAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri && Uri.Compare(uri, publicAuthority, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = internalAddress.Scheme, Host = internalAddress.Host, Port = internalAddress.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
