using System.Text.Json;

namespace NmtPractice.Testing.Practice;

// What the tests read back from intake (see PracticeResponses.cs): only the fields they read.

/// <summary>A client found by name: where they registered, and whether they are known at the location searched from.</summary>
public sealed record ClientMatchView(Guid Id, string Name, string? Screening, bool IntakeExpired, Guid HomeLocationId = default, bool KnownHere = false);

/// <summary>What every location of a chain that shares its clients may know of one.</summary>
public sealed record ClientSummaryView(
    Guid Id,
    Guid HomeLocationId,
    string? Screening,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<string> Precautions,
    bool WholeRecord,
    Guid? MergedInto,
    JsonElement Name,
    JsonElement Contact);

/// <summary>A client's whole record, as far as the tests read it.</summary>
public sealed record ClientRecordView(Guid Id, Guid LocationId, Guid? MergedInto, IReadOnlyList<Guid> Duplicates, JsonElement? EmergencyContact);

/// <summary>One of a group of registrations that look like the same person.</summary>
public sealed record DuplicateRegistrationView(Guid Id, Guid HomeLocationId);

/// <summary>Registrations with the same names and date of birth.</summary>
public sealed record DuplicateGroupView(string Name, DateOnly DateOfBirth, IReadOnlyList<DuplicateRegistrationView> Registrations);

/// <summary>The outcome of a screening and whether every question it needs was answered.</summary>
public sealed record ScreeningOutcomeView(string Outcome, bool Complete);

/// <summary>What answering an intake answers: the screening it produced.</summary>
public sealed record IntakeAnsweredView(ScreeningOutcomeView Screening);

/// <summary>A finding of the screening, with why it matters.</summary>
public sealed record FindingView(string RuleId, string Explanation);

/// <summary>The latest screening with its findings, for the clinician.</summary>
public sealed record ScreeningView(IReadOnlyList<FindingView> Findings);

/// <summary>One version of a client's intake answers.</summary>
public sealed record IntakeView(int Version, bool IsCurrent, IReadOnlyDictionary<string, JsonElement> Answers);

/// <summary>The questionnaire intake asks.</summary>
public sealed record QuestionnaireView(int Version);

/// <summary>A body region the questionnaire and the screening name.</summary>
public sealed record BodyRegionView(string Code);

/// <summary>The screening rules in force.</summary>
public sealed record ScreeningRulesView(string Version);
