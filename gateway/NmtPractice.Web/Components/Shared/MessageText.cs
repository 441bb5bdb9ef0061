namespace NmtPractice.Web.Components.Shared;

/// <summary>The words the web application uses for messages to clients: kinds, channels, states, consent.</summary>
internal static class MessageText
{
    /// <summary>The kinds of message a text can be written for, in the order the editor offers them (the API's names).</summary>
    public static readonly IReadOnlyList<string> TemplateKinds = ["confirmation", "reminder", "change", "cancellation", "waitlist-offer", "intake-renewal"];

    /// <summary>The languages messages are written in.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages = [("en", "English"), ("es", "Spanish (Español)")];

    /// <summary>How staff may record that a client agreed or declined (intake's consent sources for staff).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> StaffSources = [("in-person", "In person"), ("phone", "On the phone"), ("written", "On a signed form")];

    /// <summary>What a client agrees to by email, read out to them.</summary>
    public const string EmailAgreement =
        "The client agrees to emails about their appointments: booking confirmations, reminders, changes and cancellations, waitlist offers and intake renewal notices.";

    /// <summary>What a client agrees to by text message, read out to them.</summary>
    public const string SmsAgreement =
        "The client agrees to text messages about their appointments (the same messages) at the phone number given. They can answer C to confirm, X to cancel or STOP to stop texts at any time; their carrier's message rates may apply.";

    /// <summary>A kind as the API names it (<c>Confirmation</c>, <c>WaitlistOffer</c> or <c>waitlist-offer</c>) in the desk's words.</summary>
    public static string Kind(string kind) => Normal(kind) switch
    {
        "confirmation" => "Booking confirmation",
        "reminder" => "Reminder",
        "change" => "Change notice",
        "cancellation" => "Cancellation notice",
        "waitlistoffer" => "Waitlist offer",
        "intakerenewal" => "Intake renewal notice",
        "reply" => "Reply to the client's text",
        _ => kind,
    };

    public static string Channel(string channel) => Normal(channel) switch
    {
        "email" => "Email",
        "sms" => "Text message",
        _ => channel,
    };

    /// <summary>A message's state, in words (never by colour alone).</summary>
    public static string Status(string status) => Normal(status) switch
    {
        "planned" => "Planned",
        "due" => "Sending",
        "sent" => "Sent",
        "delivered" => "Delivered",
        "failed" => "Failed",
        "bounced" => "Bounced",
        "answered" => "Answered",
        "withdrawn" => "Withdrawn",
        _ => status,
    };

    /// <summary>A mark in front of the state, for a quick look down the list (the word says it too).</summary>
    public static string StatusMark(string status) => Normal(status) switch
    {
        "planned" or "due" => "◷",
        "sent" => "→",
        "delivered" => "✓",
        "answered" => "↩",
        "failed" or "bounced" => "!",
        "withdrawn" => "–",
        _ => "",
    };

    /// <summary>The badge colour of a state: good news, bad news, or neither.</summary>
    public static string StatusClass(string status) => Normal(status) switch
    {
        "delivered" or "answered" or "sent" => "ok",
        "failed" or "bounced" => "bad",
        "withdrawn" => "muted-badge",
        _ => "warn",
    };

    /// <summary>A client's answer to a message, as it is recorded (<c>confirm</c>, <c>cancel</c>, <c>stop</c>).</summary>
    public static string Answer(string? answer) => answer switch
    {
        "confirm" => "the client confirmed",
        "cancel" => "the client asked to cancel",
        "stop" => "the client asked for no more messages",
        null or "" => "",
        var other => other,
    };

    /// <summary>How a consent was given or withdrawn (intake's consent sources).</summary>
    public static string How(string how) => how switch
    {
        "in-person" => "said in person",
        "phone" => "said on the phone",
        "written" => "on a signed form",
        "sms-stop" => "the client answered STOP to a text",
        "link" => "the client followed the link in a message",
        "contact-changed" => "the email address or phone number changed",
        var other => other,
    };

    public static string Language(string code) => Languages.FirstOrDefault(language => language.Code == code).Name ?? code;

    private static string Normal(string value) => value.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
