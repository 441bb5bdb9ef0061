using System.ComponentModel.DataAnnotations;

namespace NmtPractice.Web;

/// <summary>Where the web application signs people in and sends API calls (configuration section <c>Web</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The identity server's issuer: the gateway's public address, as browsers reach it.</summary>
    [Required]
    public Uri? Authority { get; set; }

    /// <summary>The gateway's address as this process reaches it (defaults to <see cref="Authority"/>).</summary>
    public Uri? GatewayAddress { get; set; }

    /// <summary>Require HTTPS for the identity server's metadata (true outside local development).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The OpenID Connect client the web application signs in as.</summary>
    [Required]
    public string ClientId { get; set; } = "nmt-web";

    /// <summary>The OpenID Connect client the client portal (<c>/app/my</c>) signs clients in as.</summary>
    [Required]
    public string PortalClientId { get; set; } = "nmt-portal";

    public Uri Gateway => GatewayAddress ?? Authority ?? throw new InvalidOperationException("Web:Authority is not set.");
}
