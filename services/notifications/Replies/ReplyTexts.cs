namespace NmtPractice.Notifications.Replies;

/// <summary>What a client's text says, and which reply they get.</summary>
public static class ReplyTexts
{
    /// <summary>The keywords of a text, in capitals, without punctuation: "c", "Yes!" and "CONFIRM" are one answer.</summary>
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["C"] = Answers.Confirm,
        ["YES"] = Answers.Confirm,
        ["Y"] = Answers.Confirm,
        ["SI"] = Answers.Confirm,
        ["SÍ"] = Answers.Confirm,
        ["CONFIRM"] = Answers.Confirm,
        ["X"] = Answers.Cancel,
        // The carriers' opt-out words (CTIA): each of them stops texts, CANCEL included.
        ["STOP"] = Answers.Stop,
        ["STOPALL"] = Answers.Stop,
        ["UNSUBSCRIBE"] = Answers.Stop,
        ["CANCEL"] = Answers.Stop,
        ["END"] = Answers.Stop,
        ["QUIT"] = Answers.Stop,
        ["PARAR"] = Answers.Stop,
    };

    /// <summary>Replies: the appointment is confirmed.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>Replies: the appointment is cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Replies: inside the notice window, call the clinic to cancel.</summary>
    public const string CallTheClinic = "call-the-clinic";

    /// <summary>Replies: the appointment is no longer booked (or has begun).</summary>
    public const string NoLongerBooked = "no-longer-booked";

    /// <summary>Replies: no more texts will come.</summary>
    public const string OptedOut = "opted-out";

    /// <summary>Replies: how to answer.</summary>
    public const string NotUnderstood = "not-understood";

    /// <summary>The answer a text gives (<see cref="Answers"/>), or null when it is none of them.</summary>
    public static string? AnswerIn(string? text)
    {
        var word = new string([.. (text ?? string.Empty).Trim().TakeWhile(c => !char.IsWhiteSpace(c)).Where(char.IsLetter)]).ToUpperInvariant();
        return Keywords.GetValueOrDefault(word);
    }
}
