using System.Text.Json;

namespace NmtPractice.Intake.Clients;

/// <summary>Who acts, and when; <paramref name="Zone"/> is the time zone of the client's location, whose day a decision dates by.</summary>
public sealed record Actor(string UserId, DateTimeOffset Now, TimeZoneInfo? Zone = null)
{
    /// <summary>
    /// The calendar day of the decision at the client's location (UTC while its zone is not known):
    /// an intake is valid, and a clearance expires, by the clinic's day.
    /// </summary>
    public DateOnly Today => DateOnly.FromDateTime(Zone is { } zone ? TimeZoneInfo.ConvertTime(Now, zone).DateTime : Now.UtcDateTime);

    /// <summary>
    /// The latest calendar day anywhere at this moment (UTC+14). A date the desk enters is the location's
    /// own day, which east of UTC is already tomorrow in UTC terms: "not in the future" means not after this.
    /// </summary>
    public DateOnly LatestToday => DateOnly.FromDateTime(Now.UtcDateTime.AddHours(14));
}

/// <summary>Register a client at a location.</summary>
public sealed record RegisterClient(Guid ClientId, Guid LocationId, ClientDetails Details);

/// <summary>What the client said about messages, as the desk sends it (every part is checked by the decision).</summary>
public sealed record SetMessagePreferences(bool? Email, bool? Sms, string? Language, string? How);

/// <summary>Replace a client's personal details.</summary>
public sealed record ChangeClientDetails(ClientDetails Details);

/// <summary>Answer the current questionnaire (answers keyed by question id): a new intake version.</summary>
public sealed record AnswerIntake(IReadOnlyDictionary<string, JsonElement> Answers);

/// <summary>Record a signed consent, as sent (every part is checked by the decision).</summary>
public sealed record GiveConsent(ConsentKind? Kind, string? PolicyVersion, string? SignerName, SignerRelationship? SignerRelationship, DateOnly? SignedOn);

/// <summary>Record a physician's clearance for the findings it covers (all that need one, when none are named).</summary>
public sealed record GiveClearance(Guid ClearanceId, string PhysicianName, string? Practice, DateOnly? ClearedOn, DateOnly? ExpiresOn, IReadOnlyList<string>? CoversRules);

/// <summary>Merge a duplicate registration of the same person into this record, with the reason.</summary>
public sealed record MergeClient(Guid DuplicateId, string? Reason);
