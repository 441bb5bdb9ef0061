using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.Intake.Clients.FindingDuplicates;

/// <summary>One of the registrations that look like the same person.</summary>
/// <param name="Id">The client record.</param>
/// <param name="HomeLocationId">Where it was registered.</param>
/// <param name="IntakeVersion">Its current intake version, or null before one was answered.</param>
/// <param name="Screening">Its latest complete screening's outcome, if any.</param>
/// <param name="Contact">Its email and phone, which tell whether it is the same person.</param>
public sealed record DuplicateRegistration(Guid Id, Guid HomeLocationId, int? IntakeVersion, string? Screening, ContactDetails Contact);

/// <summary>Registrations with the same given and family name and date of birth: very likely one person registered twice.</summary>
public sealed record DuplicateGroup(string Name, DateOnly DateOfBirth, IReadOnlyList<DuplicateRegistration> Registrations);

/// <summary>
/// <c>GET /api/intake/clients/duplicates</c>: for the chain's operations, open records that share given
/// name, family name (ignoring case and spacing) and date of birth, at most 100 groups; each can be
/// merged with <c>POST .../{id}/merges</c>. Audited.
/// </summary>
internal static class FindDuplicatesEndpoint
{
    internal const int Limit = 100;

    internal static async Task<Ok<IReadOnlyList<DuplicateGroup>>> Handle(IQuerySession session, AuditLog audit, CancellationToken cancellationToken)
    {
        // Names and dates of birth only (a few dozen bytes a client), grouped here; then the records of the groups found.
        var names = await session.Query<ClientRecord>()
            .Where(client => client.MergedInto == null)
            .Select(client => new { client.Id, client.Name.Given, client.Name.Family, client.DateOfBirth })
            .ToListAsync(cancellationToken);
        var keys = names
            .GroupBy(client => (Given: Key(client.Given), Family: Key(client.Family), client.DateOfBirth))
            .Where(group => group.Count() > 1)
            .OrderBy(group => group.Key.DateOfBirth).ThenBy(group => group.Key.Family, StringComparer.Ordinal).ThenBy(group => group.Key.Given, StringComparer.Ordinal)
            .Take(Limit)
            .ToList();
        var records = (await session.LoadManyAsync<ClientRecord>(cancellationToken, keys.SelectMany(group => group.Select(client => client.Id))))
            .ToDictionary(record => record.Id);
        await audit.RecordReadAsync(new AuditEntry("search", "client-duplicates", "chain", null, null), cancellationToken);

        IReadOnlyList<DuplicateGroup> groups =
        [
            .. keys.Select(group => new DuplicateGroup(
                $"{group.First().Given} {group.First().Family}",
                group.Key.DateOfBirth,
                [.. group.Select(client => records[client.Id]).OrderBy(record => record.Id).Select(record => new DuplicateRegistration(
                    record.Id, record.LocationId, record.Intake?.Version,
                    record.Screening is { Complete: true } screening ? screening.Outcome.ToString() : null,
                    record.Contact))])),
        ];
        return TypedResults.Ok(groups);
    }

    /// <summary>A name as compared: trimmed, inner spaces collapsed, case ignored.</summary>
    internal static string Key(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();
}
