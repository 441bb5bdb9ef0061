using NmtPractice.Contracts.Intake;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.TreatmentRecords.Screening;
using NmtPractice.TreatmentRecords.SessionNotes;
using NmtPractice.TreatmentRecords.SessionNotes.Sections;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>Valid sections of a neck-and-shoulder session, as the API takes them, and notes built from them for the deciders' tests.</summary>
internal static class SessionNoteExamples
{
    public static readonly Actor Therapist = new("therapist-1", new DateTimeOffset(2027, 3, 2, 15, 0, 0, TimeSpan.Zero));

    public static object SubjectiveBody(int painBefore = 6) => new
    {
        chiefComplaint = "Tension headache behind the right eye after desk work",
        painBefore,
        painRegions = new[] { "upper-trapezius-right", "head" },
        goals = new[] { "Work a full day at the desk without a headache" },
    };

    public static object ObjectiveBody() => new
    {
        posture = "Forward head posture, right shoulder elevated",
        biomechanics = "Cervical rotation to the left limited",
        triggerPoints = new object[]
        {
            new { muscle = "upper-trapezius", region = "upper-trapezius-right", kind = "active", referralRegions = new[] { "head" }, ischemia = true },
            new { muscle = "suboccipitals", region = "neck-posterior", side = "right", kind = "latent" },
            new { muscle = "levator-scapulae", region = "scapula-right", kind = "active", nerveEntrapment = false },
        },
    };

    public static object Technique(string kind = "alternating-ischemic-compression", string region = "upper-trapezius-right", int discomfort = 6, string? overrideReason = null) => kind switch
    {
        "prolonged-ischemic-compression" => new { kind, muscle = "suboccipitals", region, releases = 2, secondsEach = 60, pressure = "moderate", discomfort, overrideReason },
        "skin-rolling" => new { kind, region, pressure = "light", discomfort, overrideReason },
        "muscle-stripping" => new { kind, muscle = "levator-scapulae", region, strokes = 5, direction = "origin-to-insertion", pressure = "moderate", discomfort, overrideReason },
        _ => (object)new { kind, muscle = "upper-trapezius", region, cycles = 3, holdSeconds = 10, pressure = "firm", discomfort, overrideReason },
    };

    public static object TreatmentBody(params object[] techniques) => new
    {
        techniques = techniques.Length > 0 ? techniques :
        [
            Technique(),
            Technique("prolonged-ischemic-compression", "neck-posterior", discomfort: 8),
            Technique("skin-rolling", "upper-back", discomfort: 2),
            Technique("muscle-stripping", "scapula-right", discomfort: 4),
        ],
    };

    public static object AssessmentBody(int painAfter = 3) => new
    {
        assessment = "Headache referral reproduced from the right upper trapezius and eased with compression",
        plan = "Weekly for four weeks, then review",
        painAfter,
        homeCare = "Chin tucks and upper trapezius stretch twice a day",
    };

    /// <summary>The errors a section write was refused with, by field; empty when it was taken.</summary>
    public static IReadOnlyDictionary<string, string[]> ErrorsOf(Func<object> write)
    {
        try
        {
            write();
            return new Dictionary<string, string[]>();
        }
        catch (RequestValidationException refused)
        {
            return refused.Errors;
        }
    }

    public static ClientScreening ScreeningWith(string status = ScreeningStatuses.Cleared, string[]? avoid = null, DateOnly? clearanceUntil = null) => new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), status, avoid ?? [], ["lighter-pressure"], clearanceUntil, new DateOnly(2028, 1, 1),
        "2026.1", new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero), null, []);

    public static SessionNote Open(string[]? avoid = null)
    {
        var screening = ScreeningWith(ScreeningStatuses.ClearedWithPrecautions, avoid);
        var opened = SessionNoteDecisions.Open(
            Guid.CreateVersion7(), null, screening.Id, Guid.CreateVersion7(), null, new DateOnly(2027, 3, 2), screening,
            SessionNoteDecisions.TherapistSource, Therapist);
        return SessionNote.Create(opened);
    }

    public static SubjectiveRequest Subjective(int? painBefore = 6) =>
        new("Neck pain", painBefore, ["neck-posterior"], ["Turn the head when driving"]);

    public static TechniqueRequest Compression(string region = "upper-trapezius-right", int? discomfort = 5, string? overrideReason = null) =>
        new("alternating-ischemic-compression", region, "upper-trapezius", 3, 10, null, null, null, null, "firm", discomfort, overrideReason);

    public static SessionNote Complete(string[]? avoid = null)
    {
        var note = Open(avoid);
        note = note.After(SessionNoteDecisions.RecordSubjective(note, Subjective(), Therapist));
        note = note.After(SessionNoteDecisions.RecordObjective(note, new ObjectiveRequest(null, null,
        [
            new TriggerPointRequest("upper-trapezius", null, "upper-trapezius-right", "active", ["head"], true, false),
            new TriggerPointRequest("levator-scapulae", null, "upper-trapezius-right", "latent", null, null, null),
            new TriggerPointRequest("suboccipitals", "left", "neck-posterior", "active", null, null, true),
        ]), Therapist));
        note = note.After(SessionNoteDecisions.RecordTreatment(note, new TreatmentRequest([Compression(discomfort: 8), Compression("neck-posterior", 3)]), 7, Therapist));
        return note.After(SessionNoteDecisions.RecordAssessmentAndPlan(note, new AssessmentAndPlanRequest("Better", "Weekly", 2, null), Therapist));
    }
}
