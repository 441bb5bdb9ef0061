using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.TreatmentRecords.SessionNotes.ListingClientSessions;

/// <summary>A line of a client's treatment history: enough to pick a note, no free text.</summary>
public sealed record SessionNoteSummary(
    Guid Id,
    Guid? AppointmentId,
    Guid LocationId,
    DateOnly SessionDate,
    string Status,
    int? PainBefore,
    int? PainAfter,
    int Techniques,
    int SafetyFlags,
    int Amendments,
    DateTimeOffset? SignedAt);

/// <summary>
/// <c>GET /api/treatments/clients/{clientId}/sessions</c>: the client's notes, newest first: from every
/// location (and under any duplicate registration merged into theirs) for staff of a location where
/// the client is registered, booked or treated, and the chain's operations; else only the notes at
/// the caller's locations. The listing is audited against the client.
/// </summary>
internal static class ListClientSessionsEndpoint
{
    internal const int Limit = 200;

    internal static async Task<Ok<IReadOnlyList<SessionNoteSummary>>> Handle(
        Guid clientId, IQuerySession session, CurrentUser user, ClientReaches reaches, AuditLog audit, CancellationToken cancellationToken)
    {
        var reach = await reaches.ForAsync(clientId, cancellationToken);
        var related = reaches.IsRelated(reach);
        var ids = related ? reach.Ids.Append(clientId).Distinct().ToArray() : [clientId];
        var query = session.Query<SessionNote>().Where(note => ids.Contains(note.ClientId));
        if (!related)
        {
            var locations = user.Locations.ToArray();
            query = query.Where(note => locations.Contains(note.LocationId));
        }

        var notes = await query.OrderByDescending(note => note.OpenedAt).Take(Limit).ToListAsync(cancellationToken);
        await audit.RecordReadAsync(new AuditEntry("list", SessionNoteAudit.ResourceType, clientId.ToString(), null, clientId), cancellationToken);

        IReadOnlyList<SessionNoteSummary> summaries =
        [
            .. notes.OrderByDescending(note => note.SessionDate).ThenByDescending(note => note.OpenedAt).Select(note => new SessionNoteSummary(
                note.Id, note.AppointmentId, note.LocationId, note.SessionDate, note.IsSigned ? "signed" : "open",
                note.Subjective?.PainBefore, note.AssessmentAndPlan?.PainAfter, note.Treatment?.Techniques.Count ?? 0,
                note.Treatment?.SafetyFlags ?? 0, note.Amendments.Count, note.Signature?.SignedAt)),
        ];
        return TypedResults.Ok(summaries);
    }
}
