using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NmtPractice.ServiceDefaults.Telemetry;

/// <summary>The product's own activity source and meter.</summary>
public static class NmtTelemetry
{
    /// <summary>Name of the product's <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "NmtPractice";

    /// <summary>Name of the product's <see cref="Meter"/>.</summary>
    public const string MeterName = "NmtPractice";

    /// <summary>Tag carrying the correlation id on every activity that knows it.</summary>
    public const string CorrelationIdTag = "nmt.correlation_id";

    /// <summary>The product's activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    /// <summary>The product's meter.</summary>
    public static Meter Meter { get; } = new(MeterName);
}
