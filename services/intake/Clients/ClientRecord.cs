using System.Text.Json;

namespace NmtPractice.Intake.Clients;

/// <summary>A consent as held on the record, and when its signature was taken (null on records written before that was kept).</summary>
public sealed record ConsentOnRecord(ConsentKind Kind, string PolicyVersion, string SignerName, SignerRelationship SignerRelationship, DateOnly SignedOn, DateTimeOffset? RecordedAt = null);

/// <summary>A physician clearance as held on the record.</summary>
public sealed record ClearanceOnRecord(Guid ClearanceId, string PhysicianName, string? Practice, DateOnly ClearedOn, DateOnly ExpiresOn, IReadOnlyList<string> CoversRules, bool Lapsed);

/// <summary>The current intake, as held on the record (earlier versions stay in the event stream).</summary>
public sealed record CurrentIntake(int Version, string QuestionnaireId, int QuestionnaireVersion, IReadOnlyDictionary<string, JsonElement> Answers, DateOnly ValidUntil, DateTimeOffset AnsweredAt, bool Lapsed);

/// <summary>The latest screening decision.</summary>
public sealed record LatestScreening(int Number, int IntakeVersion, string RuleSetVersion, ScreeningOutcome Outcome, IReadOnlyList<Finding> Findings, bool Complete, DateTimeOffset ScreenedAt);

/// <summary>
/// The client record aggregate: identity and personal details, intake, consents, physician
/// clearances and screening, one event stream per client. Rebuilt from events; the decisions live
/// in <see cref="ClientDecisions"/>.
/// </summary>
public sealed record ClientRecord(
    Guid Id,
    Guid LocationId,
    PersonName Name,
    DateOnly DateOfBirth,
    ContactDetails Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician,
    CurrentIntake? Intake,
    IReadOnlyList<ConsentOnRecord> Consents,
    IReadOnlyList<ClearanceOnRecord> Clearances,
    LatestScreening? Screening,
    long Version,
    Guid? MergedInto = null,
    IReadOnlyList<Guid>? MergedFrom = null,
    MessagePreferences? Messages = null,
    MessageConsents? MessageConsents = null) : IEventSourced<ClientRecord>
{
    /// <summary>Duplicate registrations merged into this record.</summary>
    public IReadOnlyList<Guid> Duplicates => MergedFrom ?? [];

    public bool HasTreatmentConsent => Consents.Any(consent => consent.Kind == ConsentKind.Treatment);

    /// <summary>Whether the record has an intake that lapsed, or a clearance past its date, on <paramref name="today"/>.</summary>
    public bool HasLapsesDueOn(DateOnly today) =>
        (Intake is { Lapsed: false } intake && intake.ValidUntil < today)
        || Clearances.Any(clearance => !clearance.Lapsed && clearance.ExpiresOn < today);

    public static ClientRecord Create(ClientRegistered registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        return new ClientRecord(
            registered.ClientId, registered.LocationId, registered.Name, registered.DateOfBirth, registered.Contact,
            registered.EmergencyContact, registered.Physician, null, [], [], null, 1);
    }

    public ClientRecord Apply(ClientDetailsChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return this with
        {
            Name = changed.Name,
            DateOfBirth = changed.DateOfBirth,
            Contact = changed.Contact,
            EmergencyContact = changed.EmergencyContact,
            Physician = changed.Physician,
        };
    }

    public ClientRecord Apply(MessagingContactRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return this with { Messages = recorded.Preferences, MessageConsents = MessageConsents.After(MessageConsents, recorded) };
    }

    public ClientRecord Apply(IntakeAnswered answered)
    {
        ArgumentNullException.ThrowIfNull(answered);
        return this with
        {
            Intake = new CurrentIntake(answered.IntakeVersion, answered.QuestionnaireId, answered.QuestionnaireVersion, answered.Answers, answered.ValidUntil, answered.AnsweredAt, false),
        };
    }

    public ClientRecord Apply(ConsentGiven given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return this with
        {
            Consents = [.. Consents.Where(c => c.Kind != given.Kind), new ConsentOnRecord(given.Kind, given.PolicyVersion, given.SignerName, given.SignerRelationship, given.SignedOn, given.RecordedAt)],
        };
    }

    public ClientRecord Apply(PhysicianClearanceGiven given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return this with
        {
            Clearances = [.. Clearances, new ClearanceOnRecord(given.ClearanceId, given.PhysicianName, given.Practice, given.ClearedOn, given.ExpiresOn, given.CoversRules, false)],
        };
    }

    public ClientRecord Apply(PhysicianClearanceLapsed lapsed)
    {
        ArgumentNullException.ThrowIfNull(lapsed);
        return this with
        {
            Clearances = [.. Clearances.Select(c => c.ClearanceId == lapsed.ClearanceId ? c with { Lapsed = true } : c)],
        };
    }

    public ClientRecord Apply(IntakeLapsed lapsed)
    {
        ArgumentNullException.ThrowIfNull(lapsed);
        return Intake is { } intake && intake.Version == lapsed.IntakeVersion ? this with { Intake = intake with { Lapsed = true } } : this;
    }

    public ClientRecord Apply(ClientScreened screened)
    {
        ArgumentNullException.ThrowIfNull(screened);
        return this with
        {
            Screening = new LatestScreening(screened.ScreeningNumber, screened.IntakeVersion, screened.RuleSetVersion, screened.Outcome, screened.Findings, screened.Complete, screened.ScreenedAt),
        };
    }

    public ClientRecord Apply(ClientMergedIn merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        return this with { MergedFrom = [.. Duplicates, merged.DuplicateId] };
    }

    public ClientRecord Apply(ClientMergedAway merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        return this with { MergedInto = merged.SurvivorId };
    }

    /// <summary>The record after any of its events but the first.</summary>
    public ClientRecord After(object change) => change switch
    {
        IntakeAnswered answered => Apply(answered),
        ConsentGiven given => Apply(given),
        PhysicianClearanceGiven clearance => Apply(clearance),
        PhysicianClearanceLapsed lapsed => Apply(lapsed),
        IntakeLapsed lapsed => Apply(lapsed),
        ClientScreened screened => Apply(screened),
        ClientDetailsChanged changed => Apply(changed),
        MessagingContactRecorded recorded => Apply(recorded),
        ClientMergedIn merged => Apply(merged),
        ClientMergedAway merged => Apply(merged),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a client record after registration.", nameof(change)),
    };
}
