namespace NmtPractice.Scheduling.Practice.Therapists.LinkingAccount;

/// <param name="UserId">The staff account (its id, as in the staff list) that is this therapist; null to unlink.</param>
public sealed record LinkAccountRequest(string? UserId);

/// <summary>
/// <c>PUT /api/scheduling/therapists/{id}/account</c> with <c>If-Match</c>: names the staff account that
/// is this therapist (after registration, or when it changes), so that the notes that person opens by hand
/// name this therapist and "my sessions" are theirs. A staff account is one therapist at most.
/// </summary>
internal static class LinkAccountEndpoint
{
    private static readonly RecordRules<Therapist> Rules = Therapist.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<TherapistResponse>> Handle(
        Guid id, LinkAccountRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = string.IsNullOrWhiteSpace(request.UserId) ? null : request.UserId.Trim();
        new InputErrors().Text("userId", userId, 64, required: false).ThrowIfAny();
        if (userId is not null
            && await writer.Session.Query<Therapist>().AnyAsync(therapist => therapist.UserId == userId && therapist.Id != id, cancellationToken))
        {
            throw new ConflictException("Account already linked", "This staff account is already another therapist's: unlink it there first.");
        }

        var linked = await writer.WriteAsync(
            Rules, id, Audited.Update,
            therapist => therapist.UserId == userId ? [] : [new TherapistAccountLinked(id, userId, time.GetUtcNow(), user.Id)],
            cancellationToken);
        return TypedResults.Ok(TherapistResponse.From(linked.State, linked.Version));
    }
}
