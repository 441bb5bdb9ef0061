using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace NmtPractice.Notifications.Sending;

/// <summary>
/// Email over SMTP with MailKit: a multipart message (plain text and HTML, and an <c>.ics</c> for an
/// appointment) whose Message-ID is the message id. A failure before the whole message was passed
/// on is transient (the server cannot have taken it); a break after that is <see cref="HandOver.Unknown"/>.
/// </summary>
internal sealed class EmailChannel(IOptions<NotificationsOptions> options) : IMessageChannel
{
    public Channel Channel => Channel.Email;

    public async Task<HandOverResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value.Email;
        using var mime = Compose(message, settings);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or SmtpCommandException or MailKit.Security.AuthenticationException or TimeoutException or MailKit.Security.SslHandshakeException)
        {
            return new HandOverResult(HandOver.Transient, null, $"The mail server could not be reached ({ex.GetType().Name}).");
        }

        var progress = new Progress();
        try
        {
            var answer = await client.SendAsync(mime, cancellationToken, progress);
            await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
            return HandOverResult.Accepted(Trim(answer));
        }
        catch (SmtpCommandException refused)
        {
            var temporary = (int)refused.StatusCode is >= 400 and < 500;
            return refused.ErrorCode == SmtpErrorCode.RecipientNotAccepted && !temporary
                ? new HandOverResult(HandOver.Bounced, null, $"The mail server refused the address ({(int)refused.StatusCode}).")
                : new HandOverResult(temporary ? HandOver.Transient : HandOver.Refused, null, $"The mail server refused the message ({(int)refused.StatusCode}).");
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or TimeoutException or OperationCanceledException)
        {
            return progress.Complete
                ? new HandOverResult(HandOver.Unknown, null, $"The connection broke after the message was passed on ({ex.GetType().Name}); the server may have it.")
                : new HandOverResult(HandOver.Transient, null, $"The connection broke before the message was passed on ({ex.GetType().Name}).");
        }
    }

    private static MimeMessage Compose(OutgoingMessage message, EmailOptions settings)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@nmtpractice" };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        if (message.Calendar is { } calendar)
        {
            var attachment = new MimePart("text", "calendar")
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(calendar.Content))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = calendar.FileName,
            };
            attachment.ContentType.Parameters.Add("method", "PUBLISH");
            attachment.ContentType.Charset = "utf-8";
            body.Attachments.Add(attachment);
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static string? Trim(string? answer) => answer is null ? null : answer.Length <= 200 ? answer : answer[..200];

    /// <summary>Whether every byte of the message reached the server (after which only its answer is missing).</summary>
    private sealed class Progress : ITransferProgress
    {
        public bool Complete { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Complete = bytesTransferred >= totalSize;

        public void Report(long bytesTransferred)
        {
        }
    }
}
