namespace NmtPractice.Scheduling;

/// <summary>The scheduling service: locations, rooms, therapists, the appointment book and waitlist.</summary>
public static class ServiceInfo
{
    /// <summary>Service name: queue prefix, database schema and telemetry name.</summary>
    public const string Name = "scheduling";

    /// <summary>Route prefix of the service's API, as exposed through the gateway.</summary>
    public const string RoutePrefix = "/api/scheduling";
}
