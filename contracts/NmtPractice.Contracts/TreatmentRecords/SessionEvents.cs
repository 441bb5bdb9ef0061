namespace NmtPractice.Contracts.TreatmentRecords;

/// <summary>A technique as reported to other services: structured parameters, no free text.</summary>
/// <param name="Kind"><c>alternating-ischemic-compression</c>, <c>prolonged-ischemic-compression</c>, <c>skin-rolling</c> or <c>muscle-stripping</c>.</param>
/// <param name="Region">Body-region code treated.</param>
/// <param name="Muscle">Muscle code, when recorded.</param>
/// <param name="Cycles">Alternating ischemic compression: cycles.</param>
/// <param name="HoldSeconds">Alternating ischemic compression: seconds per hold.</param>
/// <param name="Releases">Prolonged ischemic compression: releases.</param>
/// <param name="SecondsEach">Prolonged ischemic compression: seconds per release.</param>
/// <param name="Strokes">Muscle stripping: strokes.</param>
/// <param name="Direction">Muscle stripping: <c>origin-to-insertion</c> or <c>insertion-to-origin</c>.</param>
/// <param name="Pressure"><c>light</c>, <c>moderate</c>, <c>firm</c> or <c>deep</c>.</param>
/// <param name="Discomfort">The client's discomfort during the technique (0-10).</param>
/// <param name="SafetyFlag">The discomfort was above the clinic's threshold.</param>
/// <param name="ContraindicationOverridden">The region was a local contraindication, treated with a recorded reason.</param>
public sealed record TechniqueSummary(
    string Kind,
    string Region,
    string? Muscle,
    int? Cycles,
    int? HoldSeconds,
    int? Releases,
    int? SecondsEach,
    int? Strokes,
    string? Direction,
    string Pressure,
    int Discomfort,
    bool SafetyFlag,
    bool ContraindicationOverridden);

/// <summary>A session note was signed: what outcome reporting needs, without free text.</summary>
/// <param name="SessionId">The session (the appointment id when opened from one).</param>
/// <param name="AppointmentId">The appointment, if any.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist (scheduling's id), when known.</param>
/// <param name="SessionDate">The day of the session at the location (UTC date when the zone is unknown).</param>
/// <param name="PainBefore">NPRS before the session.</param>
/// <param name="PainAfter">NPRS after the session.</param>
/// <param name="Techniques">Techniques applied, with parameters.</param>
/// <param name="TriggerPointsByRegion">How many trigger points were found per body-region code.</param>
/// <param name="SafetyFlags">How many techniques went above the discomfort threshold.</param>
/// <param name="OccurredAt">When it was signed.</param>
public sealed record SessionSigned(
    Guid SessionId,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid? TherapistId,
    DateOnly SessionDate,
    int PainBefore,
    int PainAfter,
    IReadOnlyList<TechniqueSummary> Techniques,
    IReadOnlyDictionary<string, int> TriggerPointsByRegion,
    int SafetyFlags,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A signed note was amended: the structured content as it now stands, and which section changed.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="AppointmentId">The appointment, if any.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist (scheduling's id), when known.</param>
/// <param name="SessionDate">The day of the session at the location.</param>
/// <param name="Section"><c>subjective</c>, <c>objective</c>, <c>treatment</c> or <c>assessment</c>.</param>
/// <param name="PainBefore">NPRS before the session, as it now stands.</param>
/// <param name="PainAfter">NPRS after the session, as it now stands.</param>
/// <param name="Techniques">Techniques applied, as they now stand.</param>
/// <param name="TriggerPointsByRegion">Trigger points per body-region code, as they now stand.</param>
/// <param name="SafetyFlags">Techniques above the discomfort threshold, as they now stand.</param>
/// <param name="OccurredAt">When it was amended.</param>
public sealed record SessionAmended(
    Guid SessionId,
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid? TherapistId,
    DateOnly SessionDate,
    string Section,
    int PainBefore,
    int PainAfter,
    IReadOnlyList<TechniqueSummary> Techniques,
    IReadOnlyDictionary<string, int> TriggerPointsByRegion,
    int SafetyFlags,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A client checked in, but their screening does not allow treatment, so no session note was opened:
/// the front desk sees why on the calendar (and a clearance or a new intake can be recorded before the
/// therapist opens the note by hand).
/// </summary>
/// <param name="AppointmentId">The appointment checked in.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="Reason">Why: <c>contraindicated</c>, <c>clearance-required</c>, <c>clearance-expired</c> or <c>intake-expired</c>.</param>
/// <param name="OccurredAt">When the check-in was refused a note.</param>
public sealed record CheckInNoteRefused(Guid AppointmentId, Guid ClientId, Guid LocationId, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;
