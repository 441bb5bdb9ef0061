using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NmtPractice.Notifications.Sending;

/// <summary>
/// Text messages through Kannel's smsbox send interface, by POST with the number and credentials in
/// headers (never in a URL, which proxies and logs keep). Each asks for delivery reports at a URL
/// that names the message and carries its signature (<see cref="DeliveryReportSignature"/>). A refused
/// connection is transient; a connection that broke after the request went out is
/// <see cref="HandOver.Unknown"/>.
/// </summary>
/// <remarks>
/// Its HTTP client is its own, without the shared retrying handler: a request that timed out may have
/// been taken, and sending it again could send a text twice. The dispatcher decides what is tried again.
/// </remarks>
internal sealed class SmsChannel(IOptions<NotificationsOptions> options) : IMessageChannel, IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Delivery reports asked for: delivered (1), not delivered (2), refused by the operator (16).</summary>
    private const int DeliveryReportMask = 1 | 2 | 16;

    public Channel Channel => Channel.Sms;

    public async Task<HandOverResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value.Sms;
        var unicode = message.Text.Any(c => c > 127);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.SendUrl)
        {
            Content = new StringContent(message.Text, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-Kannel-Username", settings.Username);
        request.Headers.Add("X-Kannel-Password", settings.Password);
        request.Headers.Add("X-Kannel-From", settings.Sender);
        request.Headers.Add("X-Kannel-To", Number(message.To));
        request.Headers.Add("X-Kannel-Coding", unicode ? "2" : "0");
        request.Headers.Add("X-Kannel-DLR-Mask", DeliveryReportMask.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Kannel-DLR-Url", DeliveryReportSignature.Url(settings, message.Id));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable })
        {
            return new HandOverResult(HandOver.Transient, null, "The SMS gateway could not be reached.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HandOverResult(HandOver.Unknown, null, $"The connection to the SMS gateway broke after the request went out ({ex.GetType().Name}); it may have the message.");
        }

        using (response)
        {
            var answer = (await response.Content.ReadAsStringAsync(CancellationToken.None)).Trim();
            answer = answer.Length <= 200 ? answer : answer[..200];
            return response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.Accepted => HandOverResult.Accepted(answer),
                HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                    => new HandOverResult(HandOver.Transient, null, $"The SMS gateway is busy ({(int)response.StatusCode}: {answer})."),
                _ => new HandOverResult(HandOver.Refused, null, $"The SMS gateway refused the message ({(int)response.StatusCode}: {answer})."),
            };
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The number as the gateway takes it: "+" and digits only. Kannel reads a space as the gap between
    /// two recipients, so "+1 617 555 0142" as typed at the desk would go to four "numbers".
    /// </summary>
    internal static string Number(string phone) =>
        (phone.TrimStart().StartsWith('+') ? "+" : string.Empty) + new string([.. phone.Where(char.IsAsciiDigit)]);
}

/// <summary>
/// The delivery-report address of a message: the service's own URL naming the message, with an
/// HMAC of its id so that no one else can report a message delivered. Carries no personal data.
/// </summary>
public static class DeliveryReportSignature
{
    /// <summary>The path delivery reports come to.</summary>
    public const string Path = "/sms/delivery-reports";

    /// <summary>The URL for the gateway, with <c>%d</c> where it puts the report's status.</summary>
    public static string Url(SmsOptions settings, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"{settings.CallbackBaseUrl.ToString().TrimEnd('/')}{ServiceInfo.RoutePrefix}{Path}?message={messageId:N}&sig={Sign(settings, messageId)}&status=%d";
    }

    /// <summary>The signature of a message id.</summary>
    public static string Sign(SmsOptions settings, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.InboundKey), Encoding.ASCII.GetBytes($"dlr/{messageId:N}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="messageId"/> (in constant time).</summary>
    public static bool IsValid(SmsOptions settings, Guid messageId, string? signature) =>
        signature is { Length: 32 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(settings, messageId)), Encoding.ASCII.GetBytes(signature));
}
