namespace NmtPractice.TreatmentRecords.Screening;

/// <summary>
/// A check-in opened no note because the client's screening does not allow treatment. Kept as a stream
/// of its own (not the note's: the appointment's note may still be opened later, once a clearance or a
/// new intake allows it) and published as <c>CheckInNoteRefused</c> for the front desk.
/// </summary>
/// <param name="RefusalId">The refusal (its stream).</param>
/// <param name="AppointmentId">The appointment checked in.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="Reason">The refusal's code (<see cref="OpeningRules"/>).</param>
/// <param name="RefusedAt">When.</param>
public sealed record NoteRefusedAtCheckIn(Guid RefusalId, Guid AppointmentId, Guid ClientId, Guid LocationId, string Reason, DateTimeOffset RefusedAt);
