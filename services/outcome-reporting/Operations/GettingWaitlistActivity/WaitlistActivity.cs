namespace NmtPractice.OutcomeReporting.Operations.GettingWaitlistActivity;

/// <summary>Waitlist activity at a location in a period, by the day of the slots.</summary>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="LocationId">The location.</param>
/// <param name="Suppressed">Fewer clients than the minimum: no figures.</param>
/// <param name="Offers">Freed slots offered to waiting clients.</param>
/// <param name="EntriesOffered">Distinct waitlist entries offered a slot.</param>
/// <param name="Fills">Appointments booked from an offer (not cancelled since).</param>
/// <param name="FillRate">Fills over entries offered.</param>
public sealed record WaitlistActivityRow(DateOnly PeriodStart, Guid LocationId, bool Suppressed, int? Offers, int? EntriesOffered, int? Fills, double? FillRate);

public static class WaitlistActivity
{
    public static IReadOnlyList<WaitlistActivityRow> Rows(IReadOnlyList<WaitlistOfferDay> offers, IReadOnlyList<AppointmentFacts> fills, Period period, int minimumClients)
    {
        var offersByRow = offers.ToLookup(offer => (period.Start(offer.Date), offer.LocationId));
        var fillsByRow = fills.ToLookup(fill => (period.Start(fill.Date), fill.LocationId));
        return [.. offersByRow.Select(group => group.Key).Concat(fillsByRow.Select(group => group.Key)).Distinct()
            .OrderBy(key => key.Item1).ThenBy(key => key.Item2)
            .Select(key =>
            {
                var offered = offersByRow[key].ToList();
                var filled = fillsByRow[key].Where(fill => fill.HoldsTime).ToList();
                var clients = offered.Select(offer => offer.ClientId).Concat(filled.Select(fill => fill.ClientId)).Distinct().Count();
                if (clients < minimumClients)
                {
                    return new WaitlistActivityRow(key.Item1, key.Item2, true, null, null, null, null);
                }

                var entries = offered.Select(offer => offer.EntryId).Distinct().Count();
                return new WaitlistActivityRow(
                    key.Item1, key.Item2, false, offered.Sum(offer => offer.Offers), entries, filled.Count,
                    entries == 0 ? null : Math.Round((double)filled.Count / entries, 4, MidpointRounding.AwayFromZero));
            })];
    }
}
