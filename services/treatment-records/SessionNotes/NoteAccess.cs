namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>How the shared write path and audited reads treat a session note.</summary>
internal static class NoteAccess
{
    /// <summary>
    /// A note belongs to its location; every change names the version it was made to (<c>If-Match</c>)
    /// and every read, change and refusal is audited against the client.
    /// </summary>
    public static readonly RecordRules<SessionNote> Rules = new()
    {
        Noun = "session note",
        Location = note => note.LocationId,
        Refusal = "This note belongs to a location you do not work at.",
        IfMatchRequired = true,
        AuditResource = SessionNoteAudit.ResourceType,
        Client = note => note.ClientId,
    };

    /// <summary>
    /// Reading a note: as well as at its own location, wherever its client is registered, booked or
    /// treated (a chain client's notes follow them to the locations that treat them), and by the chain's
    /// operations. Changing it stays at its location (<see cref="Rules"/>).
    /// </summary>
    public static readonly RecordRules<SessionNote> Reading = Rules with
    {
        ReachOf = note => note.ClientId,
        Refusal = "This note's client is not registered, booked or treated at a location you work at.",
    };

    /// <summary>
    /// Amending a signed note: at the note's location, by its author or a clinic manager there
    /// (<see cref="SessionNoteDecisions.MayAmend"/>); refused, audited, to anyone else.
    /// </summary>
    public static readonly RecordRules<SessionNote> Amending = Rules with
    {
        MayChange = (note, user) => user.CanAccess(note.LocationId) && SessionNoteDecisions.MayAmend(note, user.Id, user.IsInRoleAt(NmtRoles.ClinicManager, note.LocationId)),
        Refusal = "Only the therapist who signed this note, or a clinic manager of its location, amends it; add an addendum instead.",
    };
}
