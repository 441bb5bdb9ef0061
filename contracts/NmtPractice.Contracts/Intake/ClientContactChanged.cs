namespace NmtPractice.Contracts.Intake;

/// <summary>
/// How a client is messaged changed: at registration, when their email address or phone number
/// changed, or when they gave or withdrew consent to messages on a channel. The one intake event that
/// carries contact details: only the notifications service may read it (see the broker permissions),
/// and it keeps them encrypted.
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The client's location.</param>
/// <param name="Email">Where email goes, if the client has an address.</param>
/// <param name="Phone">Where text messages go, if the client has a phone number.</param>
/// <param name="EmailAllowed">The client agreed to messages by email.</param>
/// <param name="SmsAllowed">The client agreed to text messages.</param>
/// <param name="Language">The language of the messages (<c>en</c>, <c>es</c>).</param>
/// <param name="How">How the client said it: <c>in-person</c>, <c>phone</c>, <c>written</c>, <c>sms-stop</c>, <c>link</c>, <c>contact-changed</c>.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record ClientContactChanged(
    Guid ClientId,
    Guid LocationId,
    string? Email,
    string? Phone,
    bool EmailAllowed,
    bool SmsAllowed,
    string Language,
    string How,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A client's personal data was erased at their request: every service forgets what it holds of them
/// that no retention duty keeps. The notifications service forgets the contact details and consent and
/// withdraws every message still to go; what was sent stays as ids and steps, with no address.
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The client's location.</param>
/// <param name="OccurredAt">When the erasure was committed.</param>
public sealed record ClientErased(Guid ClientId, Guid LocationId, DateTimeOffset OccurredAt) : IIntegrationEvent;
