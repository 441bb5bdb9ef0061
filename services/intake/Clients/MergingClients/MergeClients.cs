namespace NmtPractice.Intake.Clients.MergingClients;

/// <summary>What an operations admin sends to merge a duplicate registration into a record.</summary>
/// <param name="DuplicateId">The second registration of the same person, to be closed.</param>
/// <param name="Reason">Why they are the same person (kept with both records and in the audit log).</param>
public sealed record MergeClientsRequest(Guid? DuplicateId, string? Reason);

/// <summary>
/// <c>POST /api/intake/clients/{id}/merges</c>: the chain's operations merge a duplicate registration
/// of the same person into this record, which stays. Both records change in one commit, each audited;
/// the duplicate is closed (its history stays readable) and <c>ClientsMerged</c> tells the other
/// services that what is recorded under either id is one person's.
/// </summary>
internal static class MergeClientsEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id, MergeClientsRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.DuplicateId is { } duplicateId && duplicateId != Guid.Empty, "duplicateId", "Required: the duplicate registration's id.")
            .ThrowIfAny();
        var audited = new Audited("merge");
        var survivor = await writer.LoadAsync(ClientAccess.Rules, id, audited, cancellationToken);
        var duplicate = await writer.LoadAsync(ClientAccess.Rules, request.DuplicateId!.Value, audited, cancellationToken);
        var (mergedIn, mergedAway) = ClientDecisions.Merge(survivor.State, duplicate.State, new MergeClient(request.DuplicateId.Value, request.Reason), new Actor(user.Id, time.GetUtcNow()));

        // One commit for both records: the duplicate's events are appended inside the survivor's save.
        var merged = await survivor.CommitAsync([mergedIn], (_, token) => duplicate.CommitAsync([mergedAway], token), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(merged.State, merged.Version));
    }
}
