using Marten.Services;

namespace NmtPractice.Notifications.Sending;

/// <summary>
/// Wakes the dispatcher as soon as a commit plans a message (or plans one again), so that a
/// confirmation goes within moments of the booking instead of at the next round.
/// </summary>
public sealed class DispatchSignal
{
    private readonly System.Threading.Channels.Channel<bool> _wakes = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a round soon (many asks before it runs make one round).</summary>
    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Completes when a round was asked for.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _wakes.Reader.ReadAsync(cancellationToken);
}

/// <summary>Tells the dispatcher when a committed change planned a message.</summary>
internal sealed class PlannedMessageListener(DispatchSignal signal) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.GetEvents().Any(e => e.Data is MessagePlanned or MessageReplanned or MessageDeferred))
        {
            signal.Wake();
        }

        return Task.CompletedTask;
    }
}
