using System.Net;
using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace NmtPractice.Gateway.Routing;

/// <summary>
/// Connects to the services from <c>Edge:OutboundAddress</c> when it is set, so the services can trust
/// the gateway's <c>X-Forwarded-For</c> by its address alone. On one machine every local process calls
/// from 127.0.0.1; the gateway calls from another loopback address (127.0.0.2 in the local setup), and
/// the services trust only that (<c>ForwardedHeaders:KnownProxies</c>).
/// </summary>
internal sealed class OutboundAddressClientFactory(IPAddress? outbound) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        if (outbound is { } local)
        {
            handler.ConnectCallback = (connection, cancellationToken) => ConnectFromAsync(local, connection.DnsEndPoint, cancellationToken);
        }
    }

    /// <summary>A TCP connection to <paramref name="remote"/> whose local end is <paramref name="local"/>.</summary>
    internal static async ValueTask<Stream> ConnectFromAsync(IPAddress local, DnsEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(remote, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
