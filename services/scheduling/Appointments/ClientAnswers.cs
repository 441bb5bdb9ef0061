namespace NmtPractice.Scheduling.Appointments;

/// <summary>A client's answer to a message about an appointment, as scheduling carries it out.</summary>
/// <param name="AnswerId">The answer (the message answered).</param>
/// <param name="ClientId">Who answered.</param>
/// <param name="Answer"><see cref="ClientAnswers.Confirm"/> or <see cref="ClientAnswers.Cancel"/>.</param>
/// <param name="Via"><c>sms</c> or <c>link</c>.</param>
public sealed record ClientAnswer(Guid AnswerId, Guid ClientId, string Answer, string Via);

/// <summary>The answers a client can give, and why one is refused.</summary>
public static class ClientAnswers
{
    public const string Confirm = "confirm";

    public const string Cancel = "cancel";

    /// <summary>Inside the notice window: the client is asked to call the clinic.</summary>
    public const string LateCancellation = "late-cancellation";

    /// <summary>The appointment is no longer booked, or has begun.</summary>
    public const string NotBooked = "not-booked";
}
