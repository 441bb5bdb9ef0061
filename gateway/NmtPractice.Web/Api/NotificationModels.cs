namespace NmtPractice.Web.Api;

/// <summary>One step of a message's life: where it went, when, and why.</summary>
public sealed record MessageStepView(string Status, DateTimeOffset At, string? Reason);

/// <summary>A message to a client as staff see it (never its address or text).</summary>
public sealed record ClientMessageView(
    Guid Id, string Kind, string Channel, Guid LocationId, Guid? AppointmentId, DateTimeOffset? AppointmentStartsAt, string Status, DateTimeOffset SendAt,
    int Attempts, IReadOnlyList<MessageStepView> History)
{
    /// <summary>The latest step: when the message reached where it stands, and why.</summary>
    public MessageStepView? Latest => History.Count == 0 ? null : History[^1];
}

/// <summary>A location's message rules: when reminders go (hours before, null for none) and the quiet hours (HH:mm).</summary>
public sealed record MessageRulesView(Guid LocationId, int? EmailHoursBefore, int? SmsHoursBefore, string QuietFrom, string QuietUntil, bool ChainDefault, long Version)
{
    /// <summary>What to send in If-Match: nothing before the location's first change.</summary>
    public string? ETag => Version == 0 ? null : $"\"{Version}\"";
}

/// <summary>
/// One message text: for a kind of message in a language, the words that apply, where they come from
/// (<c>built-in</c>, <c>chain</c> or <c>location</c>), the version of this level's own text (0 before
/// its first write; sent back in If-Match), when it was written, and the placeholders the kind may use.
/// </summary>
public sealed record MessageTemplateView(
    string Kind, string Language, string Subject, string Body, string Sms, string Source, long Version, DateTimeOffset? ChangedAt = null,
    IReadOnlyList<string>? Placeholders = null)
{
    /// <summary>What to send in If-Match: nothing before this level's first text.</summary>
    public string? ETag => Version > 0 ? $"\"{Version}\"" : null;
}

/// <summary>A placeholder a text may use, and what it stands for.</summary>
public sealed record PlaceholderView(string Name, string Description);

/// <summary>The message texts in effect for a location (or the chain's own), with the placeholders they may use.</summary>
public sealed record MessageTemplatesView(Guid? LocationId, IReadOnlyList<MessageTemplateView> Templates, IReadOnlyList<PlaceholderView> Placeholders);

/// <summary>A text rendered with sample appointment facts: the email's subject, plain text and HTML, and the text message with its parts.</summary>
public sealed record TemplatePreviewView(string Subject, string Text, string Html, string Sms, int SmsParts);
