namespace NmtPractice.Notifications.Sending;

/// <summary>What became of one hand-over to a mail server or SMS gateway.</summary>
public enum HandOver
{
    /// <summary>The server took the message.</summary>
    Accepted,

    /// <summary>The server did not take it and may later (unreachable, busy): try again.</summary>
    Transient,

    /// <summary>The server refused it for good (a malformed request, a refused sender).</summary>
    Refused,

    /// <summary>The address or number does not take messages.</summary>
    Bounced,

    /// <summary>The connection broke after the whole message was passed on: it may have been taken, so it is not sent again.</summary>
    Unknown,
}

/// <summary>The outcome of a hand-over, with the server's reference or the reason.</summary>
public sealed record HandOverResult(HandOver Outcome, string? Reference, string? Reason)
{
    public static HandOverResult Accepted(string? reference) => new(HandOver.Accepted, reference, null);
}

/// <summary>A calendar attachment.</summary>
public sealed record CalendarFile(string FileName, string Content);

/// <summary>A message written out, ready to hand over: the address is decrypted only for this.</summary>
/// <param name="Id">The message id: its idempotency key (the email's Message-ID, the SMS gateway's reference).</param>
/// <param name="To">The email address or phone number.</param>
/// <param name="Subject">The subject (email).</param>
/// <param name="Text">The plain text (the whole of an SMS).</param>
/// <param name="Html">The HTML body (email).</param>
/// <param name="Calendar">An <c>.ics</c> attachment (email about an appointment).</param>
public sealed record OutgoingMessage(Guid Id, string To, string Subject, string Text, string? Html, CalendarFile? Calendar);

/// <summary>
/// One way of reaching a client. The service hands messages to these, one implementation per channel;
/// a hosted provider would be another implementation of the same channel.
/// </summary>
public interface IMessageChannel
{
    /// <summary>The channel it serves.</summary>
    Channel Channel { get; }

    /// <summary>Hands one message to the server and says what became of it; never throws for a server's failure.</summary>
    Task<HandOverResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
