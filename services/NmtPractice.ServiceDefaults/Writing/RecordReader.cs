using Marten;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults.Writing;

/// <summary>
/// The read side of <see cref="RecordRules{T}"/>: 404 when the record is unknown, 403 (audited) when
/// the caller may not see it, and an audit row for every read of an audited record.
/// </summary>
public sealed class RecordReader(IQuerySession session, CurrentUser user, IServiceProvider services)
{
    /// <summary>Loads record <paramref name="id"/> as it stands, and checks and audits the read.</summary>
    public async Task<T> ReadAsync<T>(RecordRules<T> rules, Guid id, Audited audited, CancellationToken cancellationToken)
        where T : class, IEventSourced<T>
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(audited);
        var state = await session.LoadAsync<T>(id, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            throw new NotFoundException($"{rules.Title} not found", $"No {rules.Noun} has this id.");
        }

        var entry = rules.AuditEntry(id, state, audited);
        var audit = services.GetRequiredService<AuditLog>();
        if (!await rules.AllowsAsync(state, user, services, cancellationToken).ConfigureAwait(false))
        {
            await audit.RecordDeniedAsync(rules.RefusalEntry(id, state, audited), cancellationToken).ConfigureAwait(false);
            throw new ForbiddenException(rules.Refusal) { Audited = true };
        }

        if (entry is not null)
        {
            await audit.RecordReadAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }
}
