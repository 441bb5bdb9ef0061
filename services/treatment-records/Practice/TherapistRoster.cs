using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.TreatmentRecords.Practice;

/// <summary>
/// Whether a therapist works at a location (has weekly hours there), from scheduling, so that a note
/// opened by hand (a walk-in) can name the therapist who treats and is refused a therapist who does not
/// work there.
/// </summary>
public sealed record TherapistAtLocation(string Id, Guid TherapistId, Guid LocationId, bool Works, DateTimeOffset SetAt)
{
    public static string Key(Guid therapistId, Guid locationId) => $"{therapistId:N}:{locationId:N}";

    /// <summary>True when scheduling has told treatment records that the therapist has hours at the location.</summary>
    public static async Task<bool> WorksAtAsync(IQuerySession session, Guid therapistId, Guid locationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.LoadAsync<TherapistAtLocation>(Key(therapistId, locationId), cancellationToken) is { Works: true };
    }
}

/// <summary>
/// The staff account that is a therapist, from scheduling: a note for that therapist's session is
/// opened by them (or by the check-in), and a walk-in note they open names them.
/// </summary>
/// <param name="Id">The therapist (scheduling's id).</param>
/// <param name="UserId">Their staff account (the token's <c>sub</c>), or null when none is linked.</param>
/// <param name="SetAt">When scheduling set it (a later link wins, whatever order the messages arrive in).</param>
public sealed record TherapistAccount(Guid Id, string? UserId, DateTimeOffset SetAt = default)
{
    /// <summary>The therapist whose staff account is <paramref name="userId"/> and who works at the location, if exactly one is.</summary>
    public static async Task<Guid?> OfUserAtAsync(IQuerySession session, string userId, Guid locationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var linked = await session.Query<TherapistAccount>().Where(account => account.UserId == userId).Select(account => account.Id).ToListAsync(cancellationToken);
        var here = new List<Guid>();
        foreach (var therapist in linked)
        {
            if (await TherapistAtLocation.WorksAtAsync(session, therapist, locationId, cancellationToken))
            {
                here.Add(therapist);
            }
        }

        return here.Count == 1 ? here[0] : null;
    }
}

/// <summary>Keeps <see cref="TherapistAtLocation"/> and <see cref="TherapistAccount"/> current; older messages change nothing.</summary>
internal sealed class TherapistRosterConsumer(IDocumentSession session)
    : IConsumer<TherapistWorkingHoursSet>, IConsumer<TherapistRegistered>, IConsumer<TherapistAccountLinked>
{
    public Task Consume(ConsumeContext<TherapistRegistered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StoreAccountAsync(context.Message.TherapistId, context.Message.UserId, context.Message.OccurredAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<TherapistAccountLinked> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StoreAccountAsync(context.Message.TherapistId, context.Message.UserId, context.Message.OccurredAt, context.CancellationToken);
    }

    private async Task StoreAccountAsync(Guid therapistId, string? userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var held = await session.LoadAsync<TherapistAccount>(therapistId, cancellationToken);
        if (held is null || held.SetAt < at)
        {
            session.Store(new TherapistAccount(therapistId, userId, at));
        }
    }

    public async Task Consume(ConsumeContext<TherapistWorkingHoursSet> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var key = TherapistAtLocation.Key(message.TherapistId, message.LocationId);
        var held = await session.LoadAsync<TherapistAtLocation>(key, context.CancellationToken);
        if (held is null || held.SetAt < message.OccurredAt)
        {
            session.Store(new TherapistAtLocation(key, message.TherapistId, message.LocationId, message.Hours.Count > 0, message.OccurredAt));
        }
    }
}
