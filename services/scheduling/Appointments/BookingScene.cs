namespace NmtPractice.Scheduling.Appointments;

/// <summary>Everything a booking decision looks at, loaded once: the location, therapist, service, client and who is busy.</summary>
public sealed record BookingScene(
    Location Location,
    Therapist Therapist,
    ServiceDefinition Service,
    ClientBookingStatus? Client,
    IReadOnlyList<Busy> Busy,
    DateTimeOffset Now)
{
    /// <summary>Loads the scene for a booking at <paramref name="startsAt"/>; 404 for any unknown id.</summary>
    public static async Task<BookingScene> LoadAsync(
        IQuerySession session,
        SlotReservations reservations,
        Guid locationId,
        Guid therapistId,
        string serviceCode,
        Guid clientId,
        DateTimeOffset startsAt,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reservations);
        var location = await session.LoadAsync<Location>(locationId, cancellationToken)
            ?? throw new NotFoundException("Location not found", "No location has this id.");
        var therapist = await session.LoadAsync<Therapist>(therapistId, cancellationToken)
            ?? throw new NotFoundException("Therapist not found", "No therapist has this id.");
        var code = serviceCode.ToUpperInvariant();
        var service = await session.Query<ServiceDefinition>().FirstOrDefaultAsync(s => s.Code == code, cancellationToken)
            ?? throw new NotFoundException("Service not found", $"No service has the code {serviceCode}.");
        var client = await session.LoadAsync<ClientBookingStatus>(clientId, cancellationToken);
        var window = new Span(startsAt.AddHours(-4), startsAt + service.Duration + service.Buffer + TimeSpan.FromHours(4));
        var busy = await reservations.BusyAsync([therapist.Id, .. location.Rooms.Select(r => r.Id)], window, cancellationToken);
        return new BookingScene(location, therapist, service, client, busy, now);
    }
}
