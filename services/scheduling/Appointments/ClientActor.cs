namespace NmtPractice.Scheduling.Appointments;

/// <summary>
/// How a change the client made themselves names its actor (in events and the audit log): <c>client:</c>
/// and the client's id, never a name, so that the audit log holds no personal data.
/// </summary>
public static class ClientActor
{
    private const string Prefix = "client:";

    public static string For(Guid clientId) => $"{Prefix}{clientId:N}";

    /// <summary>Whether <paramref name="actor"/> is a client (rather than a member of staff or the system).</summary>
    public static bool Is(string? actor) => actor is not null && actor.StartsWith(Prefix, StringComparison.Ordinal);
}
