namespace NmtPractice.Scheduling.Waitlist.WithdrawingFromWaitlist;

/// <summary><c>POST /api/scheduling/waitlist/{id}/withdraw</c>: the client leaves the waitlist (an entry still open).</summary>
internal static class WithdrawFromWaitlistEndpoint
{
    internal static async Task<Ok<WaitlistEntryResponse>> Handle(Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var withdrawn = await writer.WriteAsync(
            WaitlistEntry.Rules, id, Audited.Update,
            entry => entry.Status is WaitlistStatus.Fulfilled or WaitlistStatus.Withdrawn
                ? throw new ConflictException("Entry closed", $"The entry is already {entry.Status}.")
                : [new WaitlistEntryWithdrawn(id, time.GetUtcNow(), user.Id)],
            cancellationToken);
        return TypedResults.Ok(WaitlistEntryResponse.Of(withdrawn));
    }
}
