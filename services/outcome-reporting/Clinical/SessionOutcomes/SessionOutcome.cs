using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.OutcomeReporting.Clinical.SessionOutcomes;

/// <summary>The figures of one signed session as they now stand (amendments applied); no free text.</summary>
/// <param name="Id">The session.</param>
/// <param name="ClientId">The client (an id only).</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist, when the session came from an appointment.</param>
/// <param name="SessionDate">The session's local day.</param>
/// <param name="SignedAt">When it was signed (orders a client's sessions on one day).</param>
/// <param name="PainBefore">NPRS before the session.</param>
/// <param name="PainAfter">NPRS after the session.</param>
/// <param name="Techniques">Each technique applied: its kind and whether its discomfort raised a safety flag.</param>
/// <param name="TriggerPoints">Trigger points found.</param>
/// <param name="SafetyFlags">Techniques above the discomfort threshold.</param>
/// <param name="Amendments">Amendments after signing.</param>
/// <param name="FiguresAsOf">When the figures were last set (signature or latest amendment).</param>
public sealed record SessionOutcome(
    Guid Id,
    Guid ClientId,
    Guid LocationId,
    Guid? TherapistId,
    DateOnly SessionDate,
    DateTimeOffset SignedAt,
    int PainBefore,
    int PainAfter,
    IReadOnlyList<TechniqueUse> Techniques,
    int TriggerPoints,
    int SafetyFlags,
    int Amendments,
    DateTimeOffset FiguresAsOf)
{
    /// <summary>Pain before minus pain after: positive is relief.</summary>
    public int WithinSessionChange => PainBefore - PainAfter;
}

/// <summary>A technique applied in a session, as reporting counts it.</summary>
public sealed record TechniqueUse(string Kind, bool SafetyFlag);

/// <summary>
/// Projects <see cref="SessionSigned"/> and <see cref="SessionAmended"/> into <see cref="SessionOutcome"/>.
/// Both carry the session's figures as they stand, so the newest (by when it happened) wins whatever
/// order they arrive in, and a replay of the same history gives the same document.
/// </summary>
public sealed class SessionOutcomeProjection : MultiStreamProjection<SessionOutcome, Guid>
{
    public SessionOutcomeProjection()
    {
        Identity<SessionSigned>(signed => signed.SessionId);
        Identity<SessionAmended>(amended => amended.SessionId);
    }

    public override SessionOutcome? Evolve(SessionOutcome? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data switch
        {
            SessionSigned signed => Figures(snapshot, signed.OccurredAt, () => new SessionOutcome(
                signed.SessionId, signed.ClientId, signed.LocationId, signed.TherapistId, signed.SessionDate, signed.OccurredAt,
                signed.PainBefore, signed.PainAfter, Uses(signed.Techniques), signed.TriggerPointsByRegion.Values.Sum(),
                signed.SafetyFlags, 0, signed.OccurredAt)) with
            {
                SignedAt = signed.OccurredAt,
                Amendments = snapshot?.Amendments ?? 0,
            },
            SessionAmended amended => Figures(snapshot, amended.OccurredAt, () => new SessionOutcome(
                amended.SessionId, amended.ClientId, amended.LocationId, amended.TherapistId, amended.SessionDate,
                snapshot?.SignedAt ?? amended.OccurredAt, amended.PainBefore, amended.PainAfter, Uses(amended.Techniques),
                amended.TriggerPointsByRegion.Values.Sum(), amended.SafetyFlags, 0, amended.OccurredAt)) with
            {
                Amendments = (snapshot?.Amendments ?? 0) + 1,
            },
            _ => snapshot,
        };
    }

    private static SessionOutcome Figures(SessionOutcome? snapshot, DateTimeOffset occurredAt, Func<SessionOutcome> newer) =>
        snapshot is not null && snapshot.FiguresAsOf > occurredAt ? snapshot : newer();

    private static List<TechniqueUse> Uses(IReadOnlyList<TechniqueSummary> techniques) =>
        [.. techniques.Select(technique => new TechniqueUse(technique.Kind, technique.SafetyFlag))];
}
