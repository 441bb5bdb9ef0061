using System.Net;
using System.Net.Sockets;

namespace NmtPractice.Testing.Messaging;

/// <summary>Loopback ports nothing listens on right now.</summary>
public static class FreePorts
{
    /// <summary>A port the system just handed out and took back.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
