namespace NmtPractice.Web.SignIn;

/// <summary>
/// Sends this process's calls to the identity server's public address (its metadata, token
/// endpoint) to the gateway's internal address instead, as in a container network where the
/// public name does not resolve inside. Browsers keep using the public address.
/// </summary>
internal sealed class InternalAddressHandler(WebOptions options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri && options.Authority is { } authority && options.GatewayAddress is { } gateway &&
            Uri.Compare(uri, authority, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = gateway.Scheme, Host = gateway.Host, Port = gateway.Port }.Uri;

            // The identity server names its endpoints after the host asked for: keep the public one,
            // so browsers are sent to the same origin as the application.
            request.Headers.Host = authority.IsDefaultPort ? authority.Host : $"{authority.Host}:{authority.Port}";
        }

        return base.SendAsync(request, cancellationToken);
    }
}
