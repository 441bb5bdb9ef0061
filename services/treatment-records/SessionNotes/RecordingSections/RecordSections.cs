using Microsoft.Extensions.Options;

namespace NmtPractice.TreatmentRecords.SessionNotes.RecordingSections;

/// <summary>
/// <c>PUT /api/treatments/sessions/{id}/{section}</c>: writes one SOAP section of an unsigned note,
/// replacing what it held, with <c>If-Match</c> naming the version read.
/// </summary>
internal static class RecordSectionEndpoints
{
    internal static Task<Ok<SessionNoteResponse>> Subjective(
        Guid id, SubjectiveRequest request, RecordWriter writer, CurrentUser user,
        TimeProvider time, CancellationToken cancellationToken) =>
        RecordAsync(writer, id, note => SessionNoteDecisions.RecordSubjective(note, request, Actor(user, time)), cancellationToken);

    internal static Task<Ok<SessionNoteResponse>> Objective(
        Guid id, ObjectiveRequest request, RecordWriter writer, CurrentUser user,
        TimeProvider time, CancellationToken cancellationToken) =>
        RecordAsync(writer, id, note => SessionNoteDecisions.RecordObjective(note, request, Actor(user, time)), cancellationToken);

    internal static Task<Ok<SessionNoteResponse>> Treatment(
        Guid id, TreatmentRequest request, RecordWriter writer, CurrentUser user,
        TimeProvider time, IOptions<TreatmentRecordsOptions> options, CancellationToken cancellationToken) =>
        RecordAsync(writer, id, note => SessionNoteDecisions.RecordTreatment(
            note, request, options.Value.DiscomfortThresholdAt(note.LocationId), Actor(user, time)), cancellationToken);

    internal static Task<Ok<SessionNoteResponse>> Assessment(
        Guid id, AssessmentAndPlanRequest request, RecordWriter writer, CurrentUser user,
        TimeProvider time, CancellationToken cancellationToken) =>
        RecordAsync(writer, id, note => SessionNoteDecisions.RecordAssessmentAndPlan(note, request, Actor(user, time)), cancellationToken);

    private static Actor Actor(CurrentUser user, TimeProvider time) => new(user.Id, time.GetUtcNow());

    private static async Task<Ok<SessionNoteResponse>> RecordAsync(
        RecordWriter writer, Guid id, Func<SessionNote, object> decide, CancellationToken cancellationToken)
    {
        var recorded = await writer.WriteAsync(NoteAccess.Rules, id, Audited.Update, note => [decide(note)], cancellationToken);
        return TypedResults.Ok(SessionNoteResponse.From(recorded.State));
    }
}
