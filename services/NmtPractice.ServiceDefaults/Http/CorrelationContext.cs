namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// The correlation and causation ids of the work in progress (an HTTP request or a consumed message),
/// flowing with the async context so that event metadata and outgoing messages can carry them.
/// </summary>
public sealed record CorrelationContext(string CorrelationId, string? CausationId)
{
    private static readonly AsyncLocal<CorrelationContext?> CurrentContext = new();

    /// <summary>Header that carries the correlation id between the gateway, services and messages.</summary>
    public const string HeaderName = "X-Correlation-Id";

    /// <summary>The context of the current request or message, if any.</summary>
    public static CorrelationContext? Current
    {
        get => CurrentContext.Value;
        set => CurrentContext.Value = value;
    }

    /// <summary>
    /// Whether an incoming correlation id may be trusted as is: 1-64 characters of letters, digits,
    /// '-', '_' or '.'. Anything else is replaced, so that logs cannot be forged or flooded through it.
    /// </summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= 64
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
