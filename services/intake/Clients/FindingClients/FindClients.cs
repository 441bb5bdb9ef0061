using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.Intake.Clients.FindingClients;

/// <summary>A client found by name: enough to pick the right person at the desk, and whether they may be booked.</summary>
/// <param name="Id">The client.</param>
/// <param name="Name">Given and family name (and the preferred name, when different).</param>
/// <param name="DateOfBirth">To tell namesakes apart.</param>
/// <param name="Screening">The latest screening outcome, or null before one is complete.</param>
/// <param name="IntakeValidUntil">The last day the current intake is valid (null: no intake yet).</param>
/// <param name="IntakeExpired">The intake has lapsed: the health history must be renewed before treatment.</param>
/// <param name="HomeLocationId">Where the client registered.</param>
/// <param name="KnownHere">Whether the client is registered, booked or treated at the location searched from (else new there: only their summary is shown until they are booked).</param>
public sealed record ClientMatch(Guid Id, string Name, DateOnly DateOfBirth, string? Screening, DateOnly? IntakeValidUntil, bool IntakeExpired, Guid HomeLocationId, bool KnownHere);

/// <summary>
/// <c>GET /api/intake/clients?locationId=&amp;name=</c>: clients whose given, preferred or family name
/// starts with the text (at least two letters), at most 20: every client of the chain when it shares
/// its clients, else those registered at the location. Merged-away duplicates are left out. Audited
/// as a search at the location; the text searched for is not recorded.
/// </summary>
internal static class FindClientsEndpoint
{
    internal const int Limit = 20;

    internal static async Task<Ok<IReadOnlyList<ClientMatch>>> Handle(
        Guid? locationId,
        string? name,
        IQuerySession session,
        CurrentUser user,
        ClientReaches reaches,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (locationId is null || locationId == Guid.Empty)
        {
            errors["locationId"] = ["Required: the location whose clients to search."];
        }

        var text = name?.Trim() ?? "";
        if (text.Length is < 2 or > 100)
        {
            errors["name"] = ["Between 2 and 100 characters of the client's name."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var location = locationId!.Value;
        user.EnsureCanAccess(location);
        var chain = reaches.Sharing == ClientSharing.Chain;
        var clients = await session.Query<ClientRecord>()
            .Where(client => (chain || client.LocationId == location) && client.MergedInto == null && (
                client.Name.Family.StartsWith(text, StringComparison.OrdinalIgnoreCase) ||
                client.Name.Given.StartsWith(text, StringComparison.OrdinalIgnoreCase) ||
                (client.Name.Preferred != null && client.Name.Preferred.StartsWith(text, StringComparison.OrdinalIgnoreCase))))
            .OrderBy(client => client.Name.Family)
            .ThenBy(client => client.Name.Given)
            .Take(Limit)
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync(new AuditEntry("search", "client-list", location.ToString(), location, null), cancellationToken);
        var known = (await session.LoadManyAsync<ClientReach>(cancellationToken, clients.Select(client => client.Id)))
            .Where(reach => reach.KnownAt.Contains(location))
            .Select(reach => reach.Id)
            .ToHashSet();

        IReadOnlyList<ClientMatch> matches =
        [
            .. clients.Select(client => new ClientMatch(
                client.Id,
                client.Name.Preferred is { Length: > 0 } preferred && preferred != client.Name.Given
                    ? $"{client.Name.Given} ({preferred}) {client.Name.Family}"
                    : $"{client.Name.Given} {client.Name.Family}",
                client.DateOfBirth,
                client.Screening is { Complete: true } screening ? screening.Outcome.ToString() : null,
                client.Intake?.ValidUntil,
                client.Intake?.Lapsed ?? false,
                client.LocationId,
                client.LocationId == location || known.Contains(client.Id))),
        ];
        return TypedResults.Ok(matches);
    }
}
