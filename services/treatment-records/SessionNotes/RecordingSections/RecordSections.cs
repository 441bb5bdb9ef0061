using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.TreatmentRecords.SessionNotes.Sections;

namespace NmtPractice.TreatmentRecords.SessionNotes.RecordingSections;

/// <summary>
/// <c>PUT /api/treatments/sessions/{id}/{section}</c>: writes one SOAP section of an unsigned note,
/// replacing what it held, with <c>If-Match</c> naming the version read.
/// </summary>
internal static class RecordSectionEndpoints
{
    internal static Task<Ok<SessionNoteResponse>> Subjective(
        Guid id, SubjectiveRequest request, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit,
        TimeProvider time, HttpResponse response, CancellationToken cancellationToken) =>
        RecordAsync(id, http, session, user, audit, response, note => SessionNoteDecisions.RecordSubjective(note, request, Actor(user, time)), cancellationToken);

    internal static Task<Ok<SessionNoteResponse>> Objective(
        Guid id, ObjectiveRequest request, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit,
        TimeProvider time, HttpResponse response, CancellationToken cancellationToken) =>
        RecordAsync(id, http, session, user, audit, response, note => SessionNoteDecisions.RecordObjective(note, request, Actor(user, time)), cancellationToken);

    internal static Task<Ok<SessionNoteResponse>> Treatment(
        Guid id, TreatmentRequest request, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit,
        TimeProvider time, IOptions<TreatmentRecordsOptions> options, HttpResponse response, CancellationToken cancellationToken) =>
        RecordAsync(id, http, session, user, audit, response, note => SessionNoteDecisions.RecordTreatment(
            note, request, options.Value.DiscomfortThresholdAt(note.LocationId), Actor(user, time)), cancellationToken);

    internal static Task<Ok<SessionNoteResponse>> Assessment(
        Guid id, AssessmentAndPlanRequest request, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit,
        TimeProvider time, HttpResponse response, CancellationToken cancellationToken) =>
        RecordAsync(id, http, session, user, audit, response, note => SessionNoteDecisions.RecordAssessmentAndPlan(note, request, Actor(user, time)), cancellationToken);

    private static Actor Actor(CurrentUser user, TimeProvider time) => new(user.Id, time.GetUtcNow());

    private static async Task<Ok<SessionNoteResponse>> RecordAsync(
        Guid id, HttpRequest http, IDocumentSession session, CurrentUser user, AuditLog audit, HttpResponse response,
        Func<SessionNote, object> decide, CancellationToken cancellationToken)
    {
        var stream = await NoteAccess.LoadForChangeAsync(id, "update", http, session, user, audit, cancellationToken);
        var decided = decide(stream.Aggregate!);
        return TypedResults.Ok(await NoteAccess.CommitAsync(stream, decided, "update", session, audit, response, cancellationToken));
    }
}
