using NmtPractice.ServiceDefaults.Messaging;
using Published = NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.TreatmentRecords;

/// <summary>The domain events treatment records publishes, and the integration event each becomes: structured facts, never free text.</summary>
internal static class TreatmentRecordsIntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<SessionNoteSigned>((e, committed) => new Published.SessionSigned(
            e.SessionId, e.Facts.AppointmentId, e.Facts.ClientId, e.Facts.LocationId, e.Facts.TherapistId, e.Facts.SessionDate,
            e.Facts.PainBefore, e.Facts.PainAfter, Summaries(e.Facts.Techniques), e.Facts.TriggerPointsByRegion, e.Facts.SafetyFlags,
            committed.Timestamp))
        .Map<SessionNoteAmended>((e, committed) => new Published.SessionAmended(
            e.SessionId, e.Facts.AppointmentId, e.Facts.ClientId, e.Facts.LocationId, e.Facts.TherapistId, e.Facts.SessionDate, e.Section,
            e.Facts.PainBefore, e.Facts.PainAfter, Summaries(e.Facts.Techniques), e.Facts.TriggerPointsByRegion, e.Facts.SafetyFlags,
            committed.Timestamp))
        .Map<NoteRefusedAtCheckIn>((e, committed) => new Published.CheckInNoteRefused(e.AppointmentId, e.ClientId, e.LocationId, e.Reason, committed.Timestamp));

    private static Published.TechniqueSummary[] Summaries(IEnumerable<Technique> techniques) =>
    [
        .. techniques.Select(t => new Published.TechniqueSummary(
            t.Kind, t.Region, t.Muscle, t.Cycles, t.HoldSeconds, t.Releases, t.SecondsEach, t.Strokes, t.Direction, t.Pressure,
            t.Discomfort, t.SafetyFlag, t.ContraindicationOverride is not null)),
    ];
}
