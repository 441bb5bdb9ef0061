namespace NmtPractice.Web.Api;

/// <summary>A body region (intake's vocabulary).</summary>
public sealed record BodyRegionView(string Code, string Name, string Side, string View);

/// <summary>A muscle of the treatment records' list.</summary>
public sealed record MuscleView(string Code, string Name, IReadOnlyList<string> Regions);

/// <summary>A technique parameter: numeric within a range, or one of a few values.</summary>
public sealed record TechniqueParameterView(string Name, string Description, int? Min, int? Max, IReadOnlyList<string>? Values);

/// <summary>A kind of technique and its parameters.</summary>
public sealed record TechniqueKindView(string Code, string Name, bool NeedsMuscle, IReadOnlyList<TechniqueParameterView> Parameters);

/// <summary>The techniques a note may record.</summary>
public sealed record TechniqueCatalogueView(IReadOnlyList<TechniqueKindView> Kinds, IReadOnlyList<string> Pressures);

public sealed record ScreeningShownView(string Status, IReadOnlyList<string> RegionsToAvoid, IReadOnlyList<string> Precautions, DateOnly? ClearanceValidUntil, string? RuleSetVersion);

public sealed record SubjectiveView(string ChiefComplaint, int PainBefore, IReadOnlyList<string> PainRegions, IReadOnlyList<string> Goals);

public sealed record TriggerPointView(string Muscle, string Side, string Region, string Kind, IReadOnlyList<string> ReferralRegions, bool Ischemia, bool NerveEntrapment);

public sealed record ObjectiveView(string? Posture, string? Biomechanics, IReadOnlyList<TriggerPointView> TriggerPoints);

public sealed record TechniqueView(
    string Kind, string Region, string? Muscle, int? Cycles, int? HoldSeconds, int? Releases, int? SecondsEach, int? Strokes,
    string? Direction, string Pressure, int Discomfort, bool SafetyFlag, string? ContraindicationOverride);

public sealed record TreatmentView(IReadOnlyList<TechniqueView> Techniques, int DiscomfortThreshold, int SafetyFlags);

public sealed record AssessmentView(string? Assessment, string? Plan, int PainAfter, string? HomeCare);

public sealed record SignatureView(string SignedBy, DateTimeOffset SignedAt);

public sealed record AmendmentView(string Section, string Reason, string AmendedBy, DateTimeOffset AmendedAt, long Version);

/// <summary>A session note as treatment records returns it.</summary>
public sealed record SessionNoteView(
    Guid Id,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    DateOnly SessionDate,
    string Status,
    ScreeningShownView Screening,
    SubjectiveView? Subjective,
    ObjectiveView? Objective,
    TreatmentView? Treatment,
    AssessmentView? Assessment,
    int SafetyFlags,
    SignatureView? Signature,
    IReadOnlyList<AmendmentView> Amendments,
    long Version,
    Guid? TherapistId = null)
{
    public string ETag => $"\"{Version}\"";

    public bool IsSigned => Status == "signed";
}

/// <summary>One change in a note's history.</summary>
public sealed record SessionNoteChangeView(long Version, string Change, string? Section, string By, DateTimeOffset At, string? Reason);

/// <summary>A line of a client's treatment history (no free text).</summary>
public sealed record SessionNoteSummaryView(
    Guid Id, Guid? AppointmentId, Guid LocationId, DateOnly SessionDate, string Status, int? PainBefore, int? PainAfter,
    int Techniques, int SafetyFlags, int Amendments, DateTimeOffset? SignedAt);
