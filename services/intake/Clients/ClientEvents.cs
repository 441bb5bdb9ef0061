using System.Text.Json;
using System.Text.Json.Serialization;

namespace NmtPractice.Intake.Clients;

/// <summary>A person's name.</summary>
public sealed record PersonName(string Given, string Family, string? Preferred);

/// <summary>How to reach the client (at least one of the two).</summary>
public sealed record ContactDetails(string? Email, string? Phone);

/// <summary>Whom to call in an emergency.</summary>
public sealed record EmergencyContact(string Name, string Relationship, string Phone);

/// <summary>The client's primary care physician.</summary>
public sealed record PrimaryCarePhysician(string Name, string? Practice, string? Phone);

/// <summary>What a consent covers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentKind>))]
public enum ConsentKind
{
    [JsonStringEnumMemberName("treatment")] Treatment,
    [JsonStringEnumMemberName("privacy")] Privacy,
}

/// <summary>Who signed a consent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SignerRelationship>))]
public enum SignerRelationship
{
    [JsonStringEnumMemberName("self")] Self,
    [JsonStringEnumMemberName("parent")] Parent,
    [JsonStringEnumMemberName("guardian")] Guardian,
    [JsonStringEnumMemberName("representative")] Representative,
}

/// <summary>What made the screening run again.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScreeningTrigger>))]
public enum ScreeningTrigger
{
    [JsonStringEnumMemberName("intake-answered")] IntakeAnswered,
    [JsonStringEnumMemberName("consent-given")] ConsentGiven,
    [JsonStringEnumMemberName("clearance-given")] ClearanceGiven,
    [JsonStringEnumMemberName("clearance-lapsed")] ClearanceLapsed,
}

/// <summary>
/// Which messages a client agreed to receive and in which language: appointment confirmations,
/// reminders and offers by email and by text message (SMS), each opted into separately.
/// </summary>
/// <param name="Email">Messages by email.</param>
/// <param name="Sms">Messages by text message.</param>
/// <param name="Language">The language of the messages: <c>en</c> or <c>es</c>.</param>
public sealed record MessagePreferences(bool Email, bool Sms, string Language)
{
    /// <summary>The languages messages are written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    /// <summary>Before a client said anything: no messages, in English.</summary>
    public static readonly MessagePreferences None = new(false, false, "en");
}

/// <summary>
/// What a client said about messages on one channel, and when and how it was recorded: the step that
/// gave the channel its present answer (a later recording that left it unchanged does not move it).
/// </summary>
/// <param name="Agreed">Whether the client agreed to messages on the channel.</param>
/// <param name="How">How it was said (<see cref="ConsentSources"/>).</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record ChannelConsent(bool Agreed, string How, DateTimeOffset RecordedAt);

/// <summary>The client's answer about messages by email and by text, each with when and how it was recorded.</summary>
public sealed record MessageConsents(ChannelConsent Email, ChannelConsent Sms)
{
    /// <summary>The consents after <paramref name="recorded"/>: a channel whose answer changed (or was never recorded) takes its how and when.</summary>
    public static MessageConsents After(MessageConsents? held, MessagingContactRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ChannelConsent Step(ChannelConsent? before, bool agreed) =>
            before is { } kept && kept.Agreed == agreed ? kept : new ChannelConsent(agreed, recorded.How, recorded.RecordedAt);
        return new MessageConsents(Step(held?.Email, recorded.Preferences.Email), Step(held?.Sms, recorded.Preferences.Sms));
    }
}

/// <summary>How a client's message preferences were given or changed (the "how" of a recorded consent).</summary>
public static class ConsentSources
{
    /// <summary>Said to staff in person.</summary>
    public const string InPerson = "in-person";

    /// <summary>Said to staff on the phone.</summary>
    public const string Phone = "phone";

    /// <summary>On a signed form.</summary>
    public const string Written = "written";

    /// <summary>The client answered STOP to a text message.</summary>
    public const string SmsStop = "sms-stop";

    /// <summary>The client changed it themselves, signed in to the portal.</summary>
    public const string Portal = "portal";

    /// <summary>The client followed an unsubscribe link in a message.</summary>
    public const string Link = "link";

    /// <summary>The preferences as they stood, recorded again because the email address or phone number changed.</summary>
    public const string ContactChanged = "contact-changed";

    /// <summary>What staff may record.</summary>
    public static readonly IReadOnlyList<string> Staff = [InPerson, Phone, Written];
}

/// <summary>
/// The contact details and message preferences messages are sent by, as they now stand: recorded at
/// registration, when the email address or phone number changes, and when the client gives or
/// withdraws consent (with when, how and who recorded it).
/// </summary>
public sealed record MessagingContactRecorded(
    Guid ClientId,
    Guid LocationId,
    string? Email,
    string? Phone,
    MessagePreferences Preferences,
    string How,
    DateTimeOffset RecordedAt,
    string RecordedBy);

/// <summary>A client was registered at a location.</summary>
public sealed record ClientRegistered(
    Guid ClientId,
    Guid LocationId,
    PersonName Name,
    DateOnly DateOfBirth,
    ContactDetails Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician,
    DateTimeOffset RegisteredAt,
    string RegisteredBy);

/// <summary>The client's personal details were corrected or updated.</summary>
public sealed record ClientDetailsChanged(
    Guid ClientId,
    PersonName Name,
    DateOnly DateOfBirth,
    ContactDetails Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician,
    DateTimeOffset ChangedAt,
    string ChangedBy);

/// <summary>The client answered (a new version of) the intake questionnaire.</summary>
public sealed record IntakeAnswered(
    Guid ClientId,
    int IntakeVersion,
    string QuestionnaireId,
    int QuestionnaireVersion,
    IReadOnlyDictionary<string, JsonElement> Answers,
    DateOnly ValidUntil,
    DateTimeOffset AnsweredAt,
    string RecordedBy);

/// <summary>The client (or someone for them) consented to treatment or to the privacy policy.</summary>
public sealed record ConsentGiven(
    Guid ClientId,
    ConsentKind Kind,
    string PolicyVersion,
    string SignerName,
    SignerRelationship SignerRelationship,
    DateOnly SignedOn,
    DateTimeOffset RecordedAt,
    string RecordedBy);

/// <summary>A physician cleared the client for treatment of the named conditions, until a date.</summary>
public sealed record PhysicianClearanceGiven(
    Guid ClientId,
    Guid LocationId,
    Guid ClearanceId,
    string PhysicianName,
    string? Practice,
    DateOnly ClearedOn,
    DateOnly ExpiresOn,
    IReadOnlyList<string> CoversRules,
    DateTimeOffset RecordedAt,
    string RecordedBy);

/// <summary>A physician clearance passed its expiry date.</summary>
public sealed record PhysicianClearanceLapsed(Guid ClientId, Guid ClearanceId, DateOnly ExpiredOn, DateTimeOffset RecordedAt);

/// <summary>The intake passed its validity: it must be renewed.</summary>
public sealed record IntakeLapsed(Guid ClientId, Guid LocationId, int IntakeVersion, DateOnly ValidUntil, DateTimeOffset RecordedAt);

/// <summary>
/// The client was screened: every finding with its explanation, the outcome, the rule-set version,
/// and whether the screening is complete (treatment consent given).
/// </summary>
public sealed record ClientScreened(
    Guid ClientId,
    Guid LocationId,
    int ScreeningNumber,
    int IntakeVersion,
    DateOnly IntakeValidUntil,
    string RuleSetVersion,
    ScreeningOutcome Outcome,
    IReadOnlyList<Finding> Findings,
    DateOnly? ClearanceValidUntil,
    bool Complete,
    ScreeningTrigger Trigger,
    DateTimeOffset ScreenedAt);

/// <summary>A duplicate registration of the same person was merged into this record, which stays.</summary>
public sealed record ClientMergedIn(Guid ClientId, Guid DuplicateId, string Reason, DateTimeOffset MergedAt, string MergedBy);

/// <summary>This record was a duplicate registration, merged into the record that stays: it is closed, kept for reading.</summary>
public sealed record ClientMergedAway(Guid ClientId, Guid SurvivorId, string Reason, DateTimeOffset MergedAt, string MergedBy);
