namespace NmtPractice.ServiceDefaults.Writing;

/// <summary>
/// A record rebuilt from its event stream that can say what it is after one more of its events, so
/// that a write answers with the record as it now stands without reading it back.
/// </summary>
/// <remarks>Not named <c>Evolve</c> or <c>Apply</c>: Marten would take either for its own aggregation.</remarks>
public interface IEventSourced<out TSelf>
{
    /// <summary>The record after <paramref name="change"/>; an event of another kind is a programming error.</summary>
    TSelf After(object change);
}
