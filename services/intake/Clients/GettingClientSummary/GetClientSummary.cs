namespace NmtPractice.Intake.Clients.GettingClientSummary;

/// <summary>
/// What every location of the chain may know of a client (when the chain shares its clients): enough
/// to find, call and book them, and what the booking gate and the therapist need from the screening.
/// </summary>
/// <param name="Id">The client.</param>
/// <param name="HomeLocationId">Where the client registered.</param>
/// <param name="Name">Given, family and preferred name.</param>
/// <param name="DateOfBirth">To tell namesakes apart.</param>
/// <param name="Contact">Email and phone.</param>
/// <param name="Screening">The latest complete screening's outcome, or null before there is one.</param>
/// <param name="RegionsToAvoid">Body-region codes not to treat.</param>
/// <param name="Precautions">Adaptation codes (lighter pressure, positioning...).</param>
/// <param name="IntakeValidUntil">The last day the current intake is valid (null: no intake yet).</param>
/// <param name="IntakeExpired">The intake has lapsed and must be renewed before treatment.</param>
/// <param name="WholeRecord">Whether the caller may read the whole record (the client is registered, booked or treated where they work).</param>
/// <param name="MergedInto">The record this duplicate registration was merged into, if it was.</param>
public sealed record ClientSummaryResponse(
    Guid Id,
    Guid HomeLocationId,
    PersonName Name,
    DateOnly DateOfBirth,
    ContactDetails Contact,
    string? Screening,
    IReadOnlyList<string> RegionsToAvoid,
    IReadOnlyList<string> Precautions,
    DateOnly? IntakeValidUntil,
    bool IntakeExpired,
    bool WholeRecord,
    Guid? MergedInto)
{
    public static ClientSummaryResponse From(ClientRecord record, bool wholeRecord)
    {
        ArgumentNullException.ThrowIfNull(record);
        var screening = record.Screening is { Complete: true } complete ? complete : null;
        return new ClientSummaryResponse(
            record.Id,
            record.LocationId,
            record.Name,
            record.DateOfBirth,
            record.Contact,
            screening?.Outcome.ToString(),
            screening?.Findings.SelectMany(finding => finding.RegionsToAvoid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [],
            screening?.Findings.SelectMany(finding => finding.Adaptations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [],
            record.Intake?.ValidUntil,
            record.Intake?.Lapsed ?? false,
            wholeRecord,
            record.MergedInto);
    }
}

/// <summary>
/// <c>GET /api/intake/clients/{id}/summary</c>: the client's summary, to the staff of any location of
/// the chain when it shares its clients (else only where the client is known), audited.
/// </summary>
internal static class GetClientSummaryEndpoint
{
    internal static async Task<Ok<ClientSummaryResponse>> Handle(
        Guid id, RecordReader reader, ClientReaches reaches, CurrentUser user, CancellationToken cancellationToken)
    {
        var summaryRules = reaches.Sharing == ClientSharing.Chain
            ? ClientAccess.Rules with { MayChange = (_, _) => true }
            : ClientAccess.Rules;
        var record = await reader.ReadAsync(summaryRules, id, new Audited("read", ClientAccess.SummaryResource), cancellationToken);
        var wholeRecord = user.CanAccess(record.LocationId) || reaches.IsRelated(await reaches.ForAsync(id, cancellationToken));
        return TypedResults.Ok(ClientSummaryResponse.From(record, wholeRecord));
    }
}
