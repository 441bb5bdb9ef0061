namespace NmtPractice.Intake.Clients;

/// <summary>How the shared write path and audited reads treat a client record.</summary>
internal static class ClientAccess
{
    /// <summary>How the parts of the record appear in the audit log.</summary>
    public const string ClientRecordResource = "client-record";
    public const string IntakeResource = "intake";
    public const string ScreeningResource = "screening";

    /// <summary>
    /// A client belongs to the location they registered at; every read, change and refusal is audited.
    /// Intake, consent and clearance writes may leave out <c>If-Match</c> (a client fills them in once).
    /// </summary>
    public static readonly RecordRules<ClientRecord> Rules = new()
    {
        Noun = "client",
        Location = record => record.LocationId,
        Refusal = "This client is registered at a location you do not work at.",
        AuditResource = ClientRecordResource,
        Client = record => record.Id,
    };

    /// <summary>A change of the personal details names the version it was made to.</summary>
    public static readonly RecordRules<ClientRecord> Details = Rules with { IfMatchRequired = true };
}
