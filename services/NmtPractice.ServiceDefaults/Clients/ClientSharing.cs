using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.Extensions.Options;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults.Clients;

/// <summary>How a chain shares its clients between locations: a setting of the chain, the same for every service.</summary>
public enum ClientSharing
{
    /// <summary>
    /// A client is registered once for the chain: any location's staff find and book them, and see a
    /// summary (name, contact, date of birth, screening outcome, regions to avoid and precautions);
    /// the whole record only where the client is registered, booked or treated.
    /// </summary>
    Chain,

    /// <summary>A client belongs to the locations where they are registered, booked or treated, and is unknown elsewhere.</summary>
    Location,
}

/// <summary>The chain's client settings (section <c>Clients</c>; environment <c>Clients__Sharing</c>).</summary>
public sealed class ClientOptions
{
    public const string Section = "Clients";

    /// <summary><see cref="ClientSharing.Chain"/> (the default) or <see cref="ClientSharing.Location"/>.</summary>
    [EnumDataType(typeof(ClientSharing))]
    public ClientSharing Sharing { get; set; } = ClientSharing.Chain;
}

/// <summary>
/// The one place every service asks how far a caller reaches a client: related (the client is
/// registered, booked or treated at a location the caller works at, or the caller works for the whole
/// chain), which opens the whole record; or not, where the chain's sharing decides whether the
/// client's summary is shown and whether they may be booked.
/// </summary>
public sealed class ClientReaches(IQuerySession session, CurrentUser user, IOptions<ClientOptions> options)
{
    /// <summary>The chain's sharing setting.</summary>
    public ClientSharing Sharing => options.Value.Sharing;

    /// <summary>
    /// The client's reach; for a duplicate merged into another record, the reach of the record that
    /// stays (the same person), so that what is recorded under either id is seen alike.
    /// </summary>
    public async Task<ClientReach> ForAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var reach = await session.LoadAsync<ClientReach>(clientId, cancellationToken).ConfigureAwait(false) ?? ClientReach.Unknown(clientId);
        for (var hops = 0; reach.MergedInto is { } survivor && hops < 8; hops++)
        {
            reach = await session.LoadAsync<ClientReach>(survivor, cancellationToken).ConfigureAwait(false) ?? ClientReach.Unknown(survivor);
        }

        return reach;
    }

    /// <summary>Whether the caller works where the client is known (or for the whole chain): the whole record is theirs to see.</summary>
    public bool IsRelated(ClientReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        // A client is "related" to their own records only (under any id merged into them).
        return user.IsClient
            ? reach.Ids.Any(user.IsOwnClient)
            : user.SeesAllLocations || reach.KnownAt.Any(user.CanAccess);
    }

    /// <summary>Whether the caller may see the client's summary: related, or anywhere in the chain when clients are shared.</summary>
    public bool MaySeeSummary(ClientReach reach) => (Sharing == ClientSharing.Chain && !user.IsClient) || IsRelated(reach);

    /// <summary>
    /// Throws a 403 unless the client may be booked (or put on the waitlist, or treated) at
    /// <paramref name="locationId"/>: anywhere when clients are shared with the chain, else only where
    /// the client is already known. Checked before anything about the client (the screening) is told.
    /// </summary>
    public async Task EnsureMayServeAtAsync(Guid clientId, Guid locationId, CancellationToken cancellationToken)
    {
        if (Sharing == ClientSharing.Chain)
        {
            return;
        }

        // A client this service has not heard of yet is left to the service's own "unknown client"
        // answer, which tells nothing; a client known elsewhere is refused.
        var reach = await ForAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (reach.HomeLocationId is not null && !reach.KnownAt.Contains(locationId))
        {
            throw new ForbiddenException("This client is registered at another location of the chain, which keeps its clients to itself.") { LocationId = locationId };
        }
    }
}
