using NmtPractice.Contracts.Intake;

namespace NmtPractice.OutcomeReporting.Operations.GettingScreeningOutcomes;

/// <summary>Screening outcomes at a location in a period, each client counted once with their last outcome in it.</summary>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="LocationId">The location.</param>
/// <param name="Suppressed">Fewer clients screened than the minimum: no figures.</param>
/// <param name="ClientsScreened">Distinct clients with a screening decision.</param>
/// <param name="Cleared">Cleared.</param>
/// <param name="ClearedWithPrecautions">Cleared with precautions.</param>
/// <param name="PhysicianClearanceRequired">Waiting for a physician's clearance.</param>
/// <param name="Contraindicated">Not to be treated.</param>
/// <param name="ShareNeedingClearance">PhysicianClearanceRequired over clients screened.</param>
/// <param name="ShareContraindicated">Contraindicated over clients screened.</param>
public sealed record ScreeningOutcomeRow(
    DateOnly PeriodStart,
    Guid LocationId,
    bool Suppressed,
    int? ClientsScreened,
    int? Cleared,
    int? ClearedWithPrecautions,
    int? PhysicianClearanceRequired,
    int? Contraindicated,
    double? ShareNeedingClearance,
    double? ShareContraindicated);

public static class ScreeningOutcomes
{
    public static IReadOnlyList<ScreeningOutcomeRow> Rows(IReadOnlyList<ScreeningDay> days, Period period, int minimumClients) =>
        [.. days
            .GroupBy(day => (Start: period.Start(day.Date), day.LocationId))
            .OrderBy(group => group.Key.Start).ThenBy(group => group.Key.LocationId)
            .Select(group =>
            {
                var latest = group.GroupBy(day => day.ClientId).Select(client => client.MaxBy(day => day.DecidedAt)!.Status).ToList();
                if (latest.Count < minimumClients)
                {
                    return new ScreeningOutcomeRow(group.Key.Start, group.Key.LocationId, true, null, null, null, null, null, null, null);
                }

                int Count(string status) => latest.Count(outcome => outcome == status);
                var clearance = Count(ScreeningStatuses.PhysicianClearanceRequired);
                var contraindicated = Count(ScreeningStatuses.Contraindicated);
                return new ScreeningOutcomeRow(
                    group.Key.Start, group.Key.LocationId, false, latest.Count, Count(ScreeningStatuses.Cleared), Count(ScreeningStatuses.ClearedWithPrecautions),
                    clearance, contraindicated, Math.Round((double)clearance / latest.Count, 4, MidpointRounding.AwayFromZero), Math.Round((double)contraindicated / latest.Count, 4, MidpointRounding.AwayFromZero));
            })];
}
