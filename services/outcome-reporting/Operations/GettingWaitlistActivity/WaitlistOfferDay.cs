using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Operations.GettingWaitlistActivity;

/// <summary>Slots offered to one waitlist entry on one local day.</summary>
/// <param name="Id"><c>{entryId}:{yyyy-MM-dd}</c>.</param>
/// <param name="EntryId">The waitlist entry.</param>
/// <param name="ClientId">The waiting client (an id only).</param>
/// <param name="LocationId">The location.</param>
/// <param name="Date">The local day of the offered slots.</param>
/// <param name="Offers">Slots offered.</param>
public sealed record WaitlistOfferDay(string Id, Guid EntryId, Guid ClientId, Guid LocationId, DateOnly Date, int Offers) : ILocatedDay
{
    public static string KeyFor(Guid entryId, DateOnly date) => $"{entryId:N}:{date:yyyy-MM-dd}";
}

/// <summary>Projects <see cref="WaitlistSlotOffered"/> into <see cref="WaitlistOfferDay"/>.</summary>
public sealed class WaitlistOfferDayProjection : MultiStreamProjection<WaitlistOfferDay, string>
{
    public WaitlistOfferDayProjection() =>
        Identity<WaitlistSlotOffered>(e => WaitlistOfferDay.KeyFor(e.WaitlistEntryId, DateOnly.FromDateTime(e.StartsAt.DateTime)));

    public override WaitlistOfferDay? Evolve(WaitlistOfferDay? snapshot, string id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data is WaitlistSlotOffered offered
            ? (snapshot ?? new WaitlistOfferDay(id, offered.WaitlistEntryId, offered.ClientId, offered.LocationId, DateOnly.FromDateTime(offered.StartsAt.DateTime), 0)) with
            {
                Offers = (snapshot?.Offers ?? 0) + 1,
            }
            : snapshot;
    }
}
