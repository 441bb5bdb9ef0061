namespace NmtPractice.OutcomeReporting;

/// <summary>
/// The outcome-reporting service: consumes every service's integration events into its own event
/// store and builds the outcome and operations read models from them.
/// </summary>
public static class ServiceInfo
{
    /// <summary>Service name: queue prefix and telemetry name.</summary>
    public const string Name = "outcome-reporting";

    /// <summary>Database schema of the service's event store and read models.</summary>
    public const string Schema = "outcome_reporting";

    /// <summary>Route prefix of the service's API, as exposed through the gateway.</summary>
    public const string RoutePrefix = "/api/outcomes";
}
