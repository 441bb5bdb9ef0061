namespace NmtPractice.TreatmentRecords;

/// <summary>The treatment-records service: signed NMT session notes (SOAP, trigger points, techniques, pain ratings).</summary>
public static class ServiceInfo
{
    /// <summary>Service name: queue prefix and telemetry name.</summary>
    public const string Name = "treatment-records";

    /// <summary>Database schema of the service's event store.</summary>
    public const string Schema = "treatment_records";

    /// <summary>Route prefix of the service's API, as exposed through the gateway.</summary>
    public const string RoutePrefix = "/api/treatments";
}
