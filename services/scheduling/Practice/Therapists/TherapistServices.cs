namespace NmtPractice.Scheduling.Practice.Therapists;

/// <summary>The services a therapist is registered or changed to offer: at least one, each defined.</summary>
internal static class TherapistServices
{
    public static async Task<InputErrors> CheckAsync(this InputErrors errors, IQuerySession session, IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        var known = await session.Query<ServiceDefinition>().Select(s => s.Code).ToListAsync(cancellationToken);
        var unknown = services.Where(code => !known.Contains(code)).ToList();
        return errors
            .Require(services.Count > 0, "services", "Name at least one service the therapist offers.")
            .Require(unknown.Count == 0, "services", $"Unknown services: {string.Join(", ", unknown)}.");
    }
}
