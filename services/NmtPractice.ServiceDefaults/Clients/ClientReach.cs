using Marten;
using MassTransit;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.ServiceDefaults.Clients;

/// <summary>
/// Where a client of the chain is known: the location they registered at, and every location where
/// they have been booked (in any state) or treated. Staff of those locations see the client's whole
/// record (intake, screening findings, notes from every location); other locations see only what
/// the chain's sharing setting allows (<see cref="ClientSharing"/>). Kept by every service from the
/// integration events, so each service decides the same way.
/// </summary>
/// <param name="Id">The client.</param>
/// <param name="HomeLocationId">Where the client registered (null until intake's event arrives).</param>
/// <param name="Locations">Where the client has been booked or treated, in the order first seen.</param>
/// <param name="MergedInto">The record this duplicate was merged into, if it was.</param>
/// <param name="MergedFrom">Duplicates merged into this record (whose appointments and notes are the same person's).</param>
public sealed record ClientReach(Guid Id, Guid? HomeLocationId, IReadOnlyList<Guid> Locations, Guid? MergedInto, IReadOnlyList<Guid> MergedFrom)
{
    /// <summary>A client nothing is known of yet.</summary>
    public static ClientReach Unknown(Guid clientId) => new(clientId, null, [], null, []);

    /// <summary>Every location the client is known at: home first.</summary>
    public IReadOnlyList<Guid> KnownAt => HomeLocationId is { } home ? [home, .. Locations.Where(location => location != home)] : Locations;

    /// <summary>The ids this person's records carry: this one and every duplicate merged into it.</summary>
    public IReadOnlyList<Guid> Ids => [Id, .. MergedFrom];

    /// <summary>The same reach with <paramref name="location"/> among the locations (unchanged when it is).</summary>
    public ClientReach At(Guid location) =>
        location == Guid.Empty || Locations.Contains(location) ? this : this with { Locations = [.. Locations, location] };
}

/// <summary>
/// Keeps <see cref="ClientReach"/> from intake's registrations and merges, scheduling's bookings and
/// treatment records' signed sessions. Every change only adds (a location, a merge), so a message
/// handled twice or out of order leaves the same document; one message at a time, since a merge
/// touches two clients.
/// </summary>
internal sealed class ClientReachConsumer(IDocumentSession session) :
    IConsumer<ClientRegistered>,
    IConsumer<ClientsMerged>,
    IConsumer<AppointmentBooked>,
    IConsumer<AppointmentRescheduled>,
    IConsumer<SessionSigned>
{
    public async Task Consume(ConsumeContext<ClientRegistered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reach = await LoadAsync(context.Message.ClientId, context.CancellationToken);
        session.Store(reach with { HomeLocationId = context.Message.LocationId });
    }

    public Task Consume(ConsumeContext<AppointmentBooked> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SeenAtAsync(context.Message.ClientId, context.Message.LocationId, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<AppointmentRescheduled> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SeenAtAsync(context.Message.ClientId, context.Message.LocationId, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<SessionSigned> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SeenAtAsync(context.Message.ClientId, context.Message.LocationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ClientsMerged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var duplicate = await LoadAsync(message.DuplicateId, context.CancellationToken);
        var survivor = await LoadAsync(message.SurvivorId, context.CancellationToken);
        var merged = duplicate.KnownAt.Aggregate(survivor, (reach, location) => reach.At(location));
        session.Store(merged with { MergedFrom = [.. merged.MergedFrom.Union([message.DuplicateId, .. duplicate.MergedFrom])] });
        session.Store(duplicate with { MergedInto = message.SurvivorId });
    }

    private async Task SeenAtAsync(Guid clientId, Guid locationId, CancellationToken cancellationToken)
    {
        var reach = await LoadAsync(clientId, cancellationToken);
        session.Store(reach.At(locationId));
        if (reach.MergedInto is { } survivorId)
        {
            session.Store((await LoadAsync(survivorId, cancellationToken)).At(locationId));
        }
    }

    private async Task<ClientReach> LoadAsync(Guid clientId, CancellationToken cancellationToken) =>
        await session.LoadAsync<ClientReach>(clientId, cancellationToken) ?? ClientReach.Unknown(clientId);
}

/// <summary>One message at a time: a merge reads and writes two clients' reach.</summary>
internal sealed class ClientReachConsumerDefinition : ConsumerDefinition<ClientReachConsumer>
{
    public ClientReachConsumerDefinition() => ConcurrentMessageLimit = 1;
}
