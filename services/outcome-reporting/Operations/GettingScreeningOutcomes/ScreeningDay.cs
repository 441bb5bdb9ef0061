using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Intake;

namespace NmtPractice.OutcomeReporting.Operations.GettingScreeningOutcomes;

/// <summary>A client's screening outcome on a (UTC) day: the last decision of that day.</summary>
/// <param name="Id"><c>{clientId}:{yyyy-MM-dd}</c>.</param>
/// <param name="ClientId">The client (an id only).</param>
/// <param name="LocationId">The client's location.</param>
/// <param name="Date">The day decided (intake works in UTC days).</param>
/// <param name="Status">Cleared, ClearedWithPrecautions, PhysicianClearanceRequired or Contraindicated.</param>
/// <param name="DecidedAt">When the decision was made.</param>
public sealed record ScreeningDay(string Id, Guid ClientId, Guid LocationId, DateOnly Date, string Status, DateTimeOffset DecidedAt) : ILocatedDay
{
    public static string KeyFor(Guid clientId, DateOnly date) => $"{clientId:N}:{date:yyyy-MM-dd}";
}

/// <summary>Projects <see cref="ScreeningCompleted"/> into <see cref="ScreeningDay"/>.</summary>
public sealed class ScreeningDayProjection : MultiStreamProjection<ScreeningDay, string>
{
    public ScreeningDayProjection() =>
        Identity<ScreeningCompleted>(e => ScreeningDay.KeyFor(e.ClientId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime)));

    public override ScreeningDay? Evolve(ScreeningDay? snapshot, string id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data is ScreeningCompleted screening && (snapshot is null || screening.OccurredAt >= snapshot.DecidedAt)
            ? new ScreeningDay(id, screening.ClientId, screening.LocationId, DateOnly.FromDateTime(screening.OccurredAt.UtcDateTime), screening.Status, screening.OccurredAt)
            : snapshot;
    }
}
