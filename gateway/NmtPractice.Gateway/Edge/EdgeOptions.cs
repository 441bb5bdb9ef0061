namespace NmtPractice.Gateway.Edge;

/// <summary>Configuration section <c>Edge</c>: what the gateway lets in.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>Largest request body accepted (413 beyond it).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per window for each signed-in user.</summary>
    public WindowLimit PerUser { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Requests per window for each client address, signed in or not.</summary>
    public WindowLimit PerClientAddress { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Requests per window for each client address to the public booking pages' data (no sign-in), on top of the limit above.</summary>
    public WindowLimit PublicPerClientAddress { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// The local address the gateway connects to the services from (none: the system chooses). The
    /// services trust <c>X-Forwarded-For</c> only from this address, so set it wherever other processes
    /// share the gateway's address (on one machine: 127.0.0.2 beside everything else on 127.0.0.1).
    /// </summary>
    public string? OutboundAddress { get; set; }

    /// <summary>Origins allowed to call the API from a browser (the UI's origin); none by default.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
