namespace NmtPractice.Notifications;

/// <summary>The notifications service: confirmations, reminders, notices and offers that reach clients by email and text message.</summary>
public static class ServiceInfo
{
    /// <summary>Service name: queue prefix and telemetry name.</summary>
    public const string Name = "notifications";

    /// <summary>Database schema of the service's event store.</summary>
    public const string Schema = "notifications";

    /// <summary>Route prefix of the service's API, as exposed through the gateway.</summary>
    public const string RoutePrefix = "/api/notifications";
}
