using NmtPractice.Contracts.Intake;

namespace NmtPractice.Web.Api;

/// <summary>A client of the chain found by name at the desk: <c>KnownHere</c> when registered, booked or treated at the location searched from.</summary>
public sealed record ClientMatchView(Guid Id, string Name, DateOnly DateOfBirth, string? Screening, DateOnly? IntakeValidUntil, bool IntakeExpired, Guid HomeLocationId = default, bool KnownHere = true)
{
    /// <summary>What the desk must know before booking, or null when nothing stands in the way.</summary>
    public string? Warning => IntakeExpired
        ? $"Intake expired on {IntakeValidUntil:d MMM yyyy}: the health history must be renewed before booking."
        : Screening switch
    {
        ScreeningStatuses.Contraindicated => "Contraindicated: this client cannot be booked for treatment.",
        ScreeningStatuses.PhysicianClearanceRequired => "Needs a physician's clearance before treatment.",
        null => "Intake or consent not complete yet: screening is pending.",
        _ => null,
    };

    public bool Blocked => Screening == ScreeningStatuses.Contraindicated || IntakeExpired;
}

/// <summary>When a question applies: another answer is (or is one of) some values, or is answered at all.</summary>
public sealed record ConditionView(string? Answer, System.Text.Json.JsonElement? Is, IReadOnlyList<System.Text.Json.JsonElement>? In, bool? Answered);

/// <summary>A question of the intake questionnaire.</summary>
public sealed record QuestionView(
    string Id, string Type, string Text, bool Required, ConditionView? RequiredWhen, IReadOnlyList<string>? Options,
    decimal? Min, decimal? Max, int? MaxLength, bool NotInFuture);

public sealed record QuestionnaireSectionView(string Id, string Title, IReadOnlyList<QuestionView> Questions);

/// <summary>The intake questionnaire, as intake serves it.</summary>
public sealed record QuestionnaireView(string Id, int Version, string Title, IReadOnlyList<QuestionnaireSectionView> Sections);

/// <summary>A screening finding and why.</summary>
public sealed record FindingView(string RuleId, string Category, string Title, string Explanation, IReadOnlyList<string> RegionsToAvoid, IReadOnlyList<string> Adaptations);

/// <summary>A client's screening, for clinicians.</summary>
public sealed record ScreeningView(Guid ClientId, string Outcome, bool Complete, string? IncompleteBecause, IReadOnlyList<FindingView> Findings, IReadOnlyList<string> RegionsToAvoid, string RuleSetVersion);

/// <summary>A version of a client's intake answers (for clinicians).</summary>
public sealed record IntakeAnswersView(
    Guid ClientId, int Version, IReadOnlyDictionary<string, System.Text.Json.JsonElement> Answers, DateOnly ValidUntil, DateTimeOffset AnsweredAt, bool IsCurrent);

public sealed record PersonNameView(string Given, string Family, string? Preferred)
{
    public string Full => $"{Preferred ?? Given} {Family}";
}

public sealed record ContactView(string? Email, string? Phone);

public sealed record EmergencyContactView(string Name, string Relationship, string Phone);

public sealed record PhysicianView(string Name, string? Practice);

public sealed record IntakeSummaryView(int Version, DateOnly ValidUntil, bool Lapsed);

public sealed record ScreeningSummaryView(string Outcome, bool Complete, DateTimeOffset ScreenedAt);

public sealed record ConsentView(string Kind, string PolicyVersion, string SignerName, string SignerRelationship, DateOnly SignedOn, DateTimeOffset? RecordedAt);

/// <summary>Which messages a client agreed to, by email and by text, and their language.</summary>
public sealed record MessagePreferencesView(bool Email, bool Sms, string Language);

/// <summary>A client's answer about messages on one channel, and when and how it was recorded.</summary>
public sealed record ChannelConsentView(bool Agreed, string How, DateTimeOffset RecordedAt);

/// <summary>When and how each channel's answer was recorded.</summary>
public sealed record MessageConsentsView(ChannelConsentView Email, ChannelConsentView Sms);

/// <summary>A client's whole record, as intake shows it where the client is registered, booked or treated.</summary>
public sealed record ClientView(
    Guid Id, Guid LocationId, PersonNameView Name, DateOnly DateOfBirth, ContactView Contact, EmergencyContactView? EmergencyContact,
    PhysicianView? Physician, IntakeSummaryView? Intake, ScreeningSummaryView? Screening, IReadOnlyList<ConsentView> Consents, long Version,
    Guid? MergedInto = null, IReadOnlyList<Guid>? Duplicates = null, MessagePreferencesView? Messages = null, MessageConsentsView? MessageConsents = null)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>What every location of the chain may know of a client: enough to find, call and book them, and what treating them needs to respect.</summary>
public sealed record ClientSummaryView(
    Guid Id, Guid HomeLocationId, PersonNameView Name, DateOnly DateOfBirth, ContactView Contact, string? Screening,
    IReadOnlyList<string> RegionsToAvoid, IReadOnlyList<string> Precautions, DateOnly? IntakeValidUntil, bool IntakeExpired, bool WholeRecord, Guid? MergedInto);

/// <summary>One of the registrations that look like the same person.</summary>
public sealed record DuplicateRegistrationView(Guid Id, Guid HomeLocationId, int? IntakeVersion, string? Screening, ContactView Contact);

/// <summary>Registrations with the same names and date of birth: likely one person registered twice.</summary>
public sealed record DuplicateGroupView(string Name, DateOnly DateOfBirth, IReadOnlyList<DuplicateRegistrationView> Registrations);

/// <summary>A physician clearance on record.</summary>
public sealed record ClearanceView(Guid ClearanceId, string PhysicianName, string? Practice, DateOnly ClearedOn, DateOnly ExpiresOn, IReadOnlyList<string> CoversRules, bool Lapsed);

/// <summary>A client's screening with its clearances (for clinicians).</summary>
public sealed record ScreeningDetailView(
    Guid ClientId, string Outcome, bool Complete, string? IncompleteBecause, IReadOnlyList<FindingView> Findings, IReadOnlyList<string> RegionsToAvoid,
    string RuleSetVersion, int IntakeVersion, DateTimeOffset ScreenedAt, IReadOnlyList<ClearanceView> Clearances);
