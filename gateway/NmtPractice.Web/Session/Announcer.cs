namespace NmtPractice.Web.Session;

/// <summary>
/// What the last action did, in a sentence, for the page's live region (screen readers read it out
/// without moving focus). One per circuit.
/// </summary>
internal sealed class Announcer
{
    public event Action<string>? Said;

    public string? Last { get; private set; }

    public void Say(string message)
    {
        Last = message;
        Said?.Invoke(message);
    }
}
