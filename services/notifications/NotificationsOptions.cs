using System.ComponentModel.DataAnnotations;

namespace NmtPractice.Notifications;

/// <summary>Settings of the notifications service (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationsOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>The mail server messages are handed to.</summary>
    [Required]
    public EmailOptions Email { get; init; } = new();

    /// <summary>The SMS gateway text messages are handed to.</summary>
    [Required]
    public SmsOptions Sms { get; init; } = new();

    /// <summary>The links messages carry (confirm, cancel), and the key that signs them.</summary>
    [Required]
    public LinkOptions Links { get; init; } = new();

    /// <summary>
    /// The key contact details are encrypted with at rest (32 bytes, base64). Required: without it the
    /// service does not start, rather than keep contact details in the clear.
    /// </summary>
    [Required]
    public string ContactEncryptionKey { get; set; } = string.Empty;

    /// <summary>
    /// The key the gateway's identity server asks with to email a client's sign-in code (on the
    /// service's internal address only; the gateway does not route it).
    /// </summary>
    public string SignInCodeKey { get; set; } = string.Empty;

    /// <summary>How often the dispatcher looks for due messages. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many due messages one round of the dispatcher hands over at most. Default 200.</summary>
    [Range(1, 10_000)]
    public int DispatchBatch { get; set; } = 200;

    /// <summary>
    /// A message left "due" this long (its process stopped while handing it over) is failed, never sent
    /// again: the server may have taken it. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan InterruptedAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first retry after a transient failure; each later one waits twice as long, at most 30 minutes. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The notice the clinic asks for a cancellation, told to clients in the policy line. Default 24 hours (as scheduling's).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan CancellationNotice { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The contact key's bytes.</summary>
    public byte[] ContactKeyBytes() => Convert.FromBase64String(ContactEncryptionKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var buffer = new byte[64];
        if (!Convert.TryFromBase64String(ContactEncryptionKey, buffer, out var length) || length != 32)
        {
            yield return new ValidationResult("ContactEncryptionKey must be 32 random bytes in base64 (openssl rand -base64 32).", [nameof(ContactEncryptionKey)]);
        }

        if (!Convert.TryFromBase64String(Links.SigningKey, buffer, out var linkKeyLength) || linkKeyLength < 32)
        {
            yield return new ValidationResult("Links:SigningKey must be at least 32 random bytes in base64 (openssl rand -base64 32).", ["Links:SigningKey"]);
        }

        if (SignInCodeKey.Length < 16)
        {
            yield return new ValidationResult("SignInCodeKey must be at least 16 characters (openssl rand -base64 32), the same as the gateway's Identity:ClientSignIn:CodeKey.", [nameof(SignInCodeKey)]);
        }

        if (Sms.InboundKey.Length < 16)
        {
            yield return new ValidationResult("Sms:InboundKey must be at least 16 characters (openssl rand -hex 24).", ["Sms:InboundKey"]);
        }
    }
}

/// <summary>The links in messages: where they point and what signs them.</summary>
public sealed class LinkOptions
{
    /// <summary>The public address of the gateway, which the links start with (e.g. <c>https://clinic.example/</c>).</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>The key links are signed with (32 bytes or more, base64).</summary>
    public string SigningKey { get; set; } = string.Empty;
}

/// <summary>The mail server (SMTP).</summary>
public sealed class EmailOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>TLS: <c>None</c> on loopback, <c>StartTls</c> or <c>SslOnConnect</c> elsewhere, <c>Auto</c> as the server offers.</summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.Auto;

    /// <summary>Sign-in at the mail server, if it wants one.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "appointments@nmtpractice.test";

    [Required]
    public string FromName { get; set; } = "NmtPractice";

    /// <summary>How long one conversation with the mail server may take. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The SMS gateway (Kannel's smsbox).</summary>
public sealed class SmsOptions
{
    /// <summary>Its send interface, e.g. <c>http://127.0.0.1:13013/cgi-bin/sendsms</c>.</summary>
    [Required]
    public Uri SendUrl { get; set; } = new("http://127.0.0.1:13013/cgi-bin/sendsms");

    [Required]
    public string Username { get; set; } = string.Empty;

    [Required]
    public string Password { get; set; } = string.Empty;

    /// <summary>The number or short code texts come from, and replies go to.</summary>
    [Required]
    public string Sender { get; set; } = "62668";

    /// <summary>Where the gateway reaches this service with delivery reports and incoming texts.</summary>
    [Required]
    public Uri CallbackBaseUrl { get; set; } = new("http://127.0.0.1:5105");

    /// <summary>The secret the gateway's calls carry (incoming texts) or that signs them (delivery reports).</summary>
    public string InboundKey { get; set; } = string.Empty;

    /// <summary>How long one request to the gateway may take. Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
