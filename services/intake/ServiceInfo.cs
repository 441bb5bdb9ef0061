namespace NmtPractice.Intake;

/// <summary>The intake service: clients, health-history questionnaires, consent and contraindication screening.</summary>
public static class ServiceInfo
{
    /// <summary>Service name: queue prefix and telemetry name.</summary>
    public const string Name = "intake";

    /// <summary>Database schema of the service's event store.</summary>
    public const string Schema = "intake";

    /// <summary>Route prefix of the service's API, as exposed through the gateway.</summary>
    public const string RoutePrefix = "/api/intake";
}
