using System.Text.RegularExpressions;

namespace NmtPractice.Scheduling.Practice.Therapists.LinkingAccount;

/// <param name="UserId">The staff account (its id, as in the staff list) that is this therapist.</param>
public sealed record LinkAccountRequest(string? UserId);

/// <summary>
/// <c>PUT /api/scheduling/therapists/{id}/account</c> with <c>If-Match</c>: names the staff account that
/// is this therapist (after registration, or when it changes), so that the notes that person opens by hand
/// name this therapist and "my sessions" are theirs. A staff account is one therapist at most.
/// <c>DELETE</c> the same address unlinks it: an explicit request, never a missing field.
/// </summary>
internal static partial class LinkAccountEndpoints
{
    private static readonly RecordRules<Therapist> Rules = Therapist.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<TherapistResponse>> LinkAsync(
        Guid id, LinkAccountRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = request.UserId?.Trim();
        new InputErrors()
            .Require(userId is not null && AccountId().IsMatch(userId), "userId", "The staff account's id: 1 to 64 letters, digits and . _ @ : | -.")
            .ThrowIfAny();
        if (await writer.Session.Query<Therapist>().AnyAsync(therapist => therapist.UserId == userId && therapist.Id != id, cancellationToken))
        {
            throw new ConflictException("Account already linked", "This staff account is already another therapist's: unlink it there first.");
        }

        return await ChangeAsync(id, userId, writer, user, time, cancellationToken);
    }

    internal static Task<Ok<TherapistResponse>> UnlinkAsync(Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, null, writer, user, time, cancellationToken);

    private static async Task<Ok<TherapistResponse>> ChangeAsync(
        Guid id, string? userId, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var linked = await writer.WriteAsync(
            Rules, id, Audited.Update,
            therapist => therapist.UserId == userId ? [] : [new TherapistAccountLinked(id, userId, time.GetUtcNow(), user.Id)],
            cancellationToken);
        return TypedResults.Ok(TherapistResponse.From(linked.State, linked.Version));
    }

    [GeneratedRegex("^[A-Za-z0-9._@:|-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex AccountId();
}
