namespace NmtPractice.Scheduling.Practice.Services;

/// <summary>A bookable service as the API shows it.</summary>
public sealed record ServiceResponse(Guid Id, string Code, string Name, int DurationMinutes, int BufferMinutes, decimal Price, string Currency, long Version)
{
    public static ServiceResponse From(ServiceDefinition service) => From(service, service?.Version ?? 0);

    /// <summary>The service at <paramref name="version"/> (its stream's version after a write).</summary>
    public static ServiceResponse From(ServiceDefinition service, long version)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new(service.Id, service.Code, service.Name, service.DurationMinutes, service.BufferMinutes, service.Price, service.Currency, version);
    }
}
