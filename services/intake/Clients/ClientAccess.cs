namespace NmtPractice.Intake.Clients;

/// <summary>How the shared write path and audited reads treat a client record.</summary>
internal static class ClientAccess
{
    /// <summary>How the parts of the record appear in the audit log.</summary>
    public const string ClientRecordResource = "client-record";
    public const string IntakeResource = "intake";
    public const string ScreeningResource = "screening";

    /// <summary>The audit log's name for a read of the summary every location of the chain may see.</summary>
    public const string SummaryResource = "client-summary";

    /// <summary>
    /// A client of the chain is registered at one location (the record's own) and open, whole, to the
    /// staff of every location where they are registered, booked or treated (their reach), and to the
    /// chain's operations; every read, change and refusal is audited. Intake, consent and clearance
    /// writes may leave out <c>If-Match</c> (a client fills them in once).
    /// </summary>
    public static readonly RecordRules<ClientRecord> Rules = new()
    {
        Noun = "client",
        Location = record => record.LocationId,
        ReachOf = record => record.Id,
        Refusal = "This client is not registered, booked or treated at a location you work at.",
        AuditResource = ClientRecordResource,
        Client = record => record.Id,
    };

    /// <summary>A change of the personal details names the version it was made to.</summary>
    public static readonly RecordRules<ClientRecord> Details = Rules with { IfMatchRequired = true };
}
