namespace NmtPractice.Testing.Practice;

// What the tests read back from treatment records (see PracticeResponses.cs): only the fields they read.

/// <summary>The screening a session note shows the therapist.</summary>
public sealed record NoteScreeningView(string Status, IReadOnlyList<string> RegionsToAvoid, IReadOnlyList<string> Precautions);

/// <summary>The subjective section.</summary>
public sealed record SubjectiveView(int PainBefore);

/// <summary>A trigger point found.</summary>
public sealed record TriggerPointView(string Side, bool Ischemia, bool NerveEntrapment);

/// <summary>The objective section.</summary>
public sealed record ObjectiveView(IReadOnlyList<TriggerPointView> TriggerPoints);

/// <summary>A technique applied.</summary>
public sealed record TechniqueView(bool SafetyFlag, string? ContraindicationOverride);

/// <summary>The treatment section.</summary>
public sealed record TreatmentView(IReadOnlyList<TechniqueView> Techniques, int DiscomfortThreshold);

/// <summary>The assessment and plan section.</summary>
public sealed record AssessmentView(int PainAfter);

/// <summary>Who signed a note, and when.</summary>
public sealed record SignatureView(string SignedBy, DateTimeOffset SignedAt);

/// <summary>An amendment of a signed note.</summary>
public sealed record AmendmentView(string Section, string Reason, string AmendedBy);

/// <summary>A session note.</summary>
public sealed record SessionNoteView(
    Guid Id,
    Guid ClientId,
    Guid? TherapistId,
    DateOnly SessionDate,
    string OpenedBy,
    string Status,
    NoteScreeningView Screening,
    SubjectiveView? Subjective,
    ObjectiveView? Objective,
    TreatmentView? Treatment,
    AssessmentView? Assessment,
    int SafetyFlags,
    SignatureView? Signature,
    IReadOnlyList<AmendmentView> Amendments,
    long Version,
    IReadOnlyList<AddendumView>? Addenda = null);

/// <summary>An addendum to a signed note: what, by whom.</summary>
public sealed record AddendumView(string Text, string AddedBy, long Version);

/// <summary>A change in a note's history.</summary>
public sealed record SessionNoteChangeView(string Change, string? Section);

/// <summary>A note in a client's list of notes.</summary>
public sealed record SessionNoteSummaryView(Guid Id, string Status);

/// <summary>A muscle of the catalogue.</summary>
public sealed record MuscleView(string Code);

/// <summary>A kind of technique.</summary>
public sealed record TechniqueKindView(string Code);

/// <summary>The technique catalogue.</summary>
public sealed record TechniqueCatalogueView(IReadOnlyList<TechniqueKindView> Kinds);
