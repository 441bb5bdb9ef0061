namespace NmtPractice.Scheduling.Practice.Services;

/// <summary>A bookable service of the chain was defined, for example NMT 60 minutes.</summary>
public sealed record ServiceDefined(
    Guid ServiceId,
    string Code,
    string Name,
    int DurationMinutes,
    int BufferMinutes,
    decimal Price,
    string Currency,
    DateTimeOffset DefinedAt,
    string DefinedBy);

/// <summary>A bookable service: its length, price and the turnover buffer after it.</summary>
public sealed record ServiceDefinition(Guid Id, string Code, string Name, int DurationMinutes, int BufferMinutes, decimal Price, string Currency, long Version)
{
    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);

    public TimeSpan Buffer => TimeSpan.FromMinutes(BufferMinutes);

    public static ServiceDefinition Create(ServiceDefined defined)
    {
        ArgumentNullException.ThrowIfNull(defined);
        return new ServiceDefinition(defined.ServiceId, defined.Code, defined.Name, defined.DurationMinutes, defined.BufferMinutes, defined.Price, defined.Currency, 1);
    }
}
