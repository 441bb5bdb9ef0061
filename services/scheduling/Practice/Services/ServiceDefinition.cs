using System.Text.Json.Serialization;

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

/// <summary>A service's terms changed, for bookings made from now on (appointments already booked keep theirs).</summary>
public sealed record ServiceChanged(
    Guid ServiceId,
    string Name,
    int DurationMinutes,
    int BufferMinutes,
    decimal Price,
    string Currency,
    DateTimeOffset ChangedAt,
    string ChangedBy)
{
    /// <summary>Whether <paramref name="service"/> already has these terms (then nothing changes).</summary>
    public bool Matches(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Name == Name && service.DurationMinutes == DurationMinutes && service.BufferMinutes == BufferMinutes
            && service.Price == Price && service.Currency == Currency;
    }
}

/// <summary>A bookable service: its length, price and the turnover buffer after it.</summary>
public sealed record ServiceDefinition(Guid Id, string Code, string Name, int DurationMinutes, int BufferMinutes, decimal Price, string Currency, long Version)
    : IEventSourced<ServiceDefinition>
{
    /// <summary>How the shared write path treats a service: the chain's, at no one location.</summary>
    internal static readonly RecordRules<ServiceDefinition> Rules = new() { Noun = "service", Location = _ => null };

    [JsonIgnore]
    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);

    [JsonIgnore]
    public TimeSpan Buffer => TimeSpan.FromMinutes(BufferMinutes);

    public static ServiceDefinition Create(ServiceDefined defined)
    {
        ArgumentNullException.ThrowIfNull(defined);
        return new ServiceDefinition(defined.ServiceId, defined.Code, defined.Name, defined.DurationMinutes, defined.BufferMinutes, defined.Price, defined.Currency, 1);
    }

    public ServiceDefinition Apply(ServiceChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return this with
        {
            Name = changed.Name,
            DurationMinutes = changed.DurationMinutes,
            BufferMinutes = changed.BufferMinutes,
            Price = changed.Price,
            Currency = changed.Currency,
        };
    }

    /// <summary>The service after any of its events but the first.</summary>
    public ServiceDefinition After(object change) => change switch
    {
        ServiceChanged e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a service.", nameof(change)),
    };
}
