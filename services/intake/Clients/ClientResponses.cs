using System.Text.Json;

namespace NmtPractice.Intake.Clients;

/// <summary>
/// A client's personal details and the state of their intake and screening; <c>MergedInto</c> names the
/// record a merged-away duplicate now lives in, <c>Duplicates</c> the registrations merged into this one;
/// <c>MessageConsents</c> says when and how the client's answer about each channel of messages was
/// recorded (null on a record whose messages were last recorded before that was kept).
/// </summary>
public sealed record ClientResponse(
    Guid Id,
    Guid LocationId,
    PersonName Name,
    DateOnly DateOfBirth,
    ContactDetails Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician,
    IntakeSummary? Intake,
    ScreeningSummary? Screening,
    IReadOnlyList<ConsentOnRecord> Consents,
    long Version,
    Guid? MergedInto,
    IReadOnlyList<Guid> Duplicates,
    MessagePreferences Messages,
    MessageConsents? MessageConsents)
{
    public static ClientResponse From(ClientRecord record, long version)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ClientResponse(
            record.Id, record.LocationId, record.Name, record.DateOfBirth, record.Contact, record.EmergencyContact, record.Physician,
            record.Intake is { } intake ? new IntakeSummary(intake.Version, intake.ValidUntil, intake.Lapsed) : null,
            record.Screening is { } screening ? new ScreeningSummary(screening.Outcome, screening.Complete, screening.ScreenedAt) : null,
            record.Consents,
            version,
            record.MergedInto,
            record.Duplicates,
            record.Messages ?? MessagePreferences.None,
            record.MessageConsents);
    }
}

/// <summary>Which intake is current and until when it is valid.</summary>
public sealed record IntakeSummary(int Version, DateOnly ValidUntil, bool Lapsed);

/// <summary>The latest screening's outcome (details at <c>/screening</c>, for clinicians).</summary>
public sealed record ScreeningSummary(ScreeningOutcome Outcome, bool Complete, DateTimeOffset ScreenedAt);

/// <summary>One version of a client's intake answers.</summary>
public sealed record IntakeResponse(
    Guid ClientId,
    int Version,
    string QuestionnaireId,
    int QuestionnaireVersion,
    IReadOnlyDictionary<string, JsonElement> Answers,
    DateOnly ValidUntil,
    DateTimeOffset AnsweredAt,
    string RecordedBy,
    bool IsCurrent);

/// <summary>The result of answering an intake: its version and the screening it produced.</summary>
public sealed record IntakeAnsweredResponse(Guid ClientId, int IntakeVersion, DateOnly ValidUntil, ScreeningResponse Screening);

/// <summary>The latest screening with every finding explained, for the clinician.</summary>
public sealed record ScreeningResponse(
    Guid ClientId,
    int Number,
    ScreeningOutcome Outcome,
    bool Complete,
    string? IncompleteBecause,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<Adaptation> Adaptations,
    string RuleSetVersion,
    int IntakeVersion,
    DateTimeOffset ScreenedAt,
    IReadOnlyList<ClearanceOnRecord> Clearances)
{
    public static ScreeningResponse From(ClientRecord record, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rules);
        var screening = record.Screening ?? throw new InvalidOperationException("No screening yet.");
        var adaptations = screening.Findings.SelectMany(f => f.Adaptations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(code => rules.Adaptations.FirstOrDefault(a => a.Code == code) ?? new Adaptation(code, code))
            .ToList();
        return new ScreeningResponse(
            record.Id,
            screening.Number,
            screening.Outcome,
            screening.Complete,
            screening.Complete ? null : "The client has not consented to treatment yet.",
            screening.Findings,
            screening.Findings.SelectMany(f => f.RegionsToAvoid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            adaptations,
            screening.RuleSetVersion,
            screening.IntakeVersion,
            screening.ScreenedAt,
            record.Clearances);
    }
}
