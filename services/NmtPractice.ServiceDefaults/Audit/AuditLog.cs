using Marten;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Telemetry;

namespace NmtPractice.ServiceDefaults.Audit;

/// <summary>
/// Records who read or changed which clinical record, when and from where, in the service's
/// append-only <c>audit_log</c> table (updates, deletes and truncation are refused by a trigger).
/// A write is audited in the same transaction as the change; a read or a refusal is committed at once.
/// </summary>
public sealed class AuditLog(IHttpContextAccessor http, IDocumentStore store, TimeProvider time, AuditSchema schema)
{
    /// <summary>Adds the audit row to <paramref name="session"/>: it commits with the change, or not at all.</summary>
    public void RecordWrite(IDocumentSession session, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(session);
        Queue(session, entry, AuditOutcome.Allowed);
    }

    /// <summary>
    /// Adds the audit row of a change made for <paramref name="actor"/> outside a request (a client's
    /// answer to a message, carried out from the bus): it commits with the change, or not at all.
    /// </summary>
    public void RecordWrite(IDocumentSession session, AuditEntry entry, string actor)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        session.QueueSqlCommand(schema.Insert(_ => "?"), schema.Row(null, actor, entry, AuditOutcome.Allowed, time.GetUtcNow()));
    }

    /// <summary>Records a read of a clinical record, committed now.</summary>
    public Task RecordReadAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        CommitAsync(entry, AuditOutcome.Allowed, cancellationToken);

    /// <summary>Records a refused attempt, committed now, and counts it in <c>nmt.security.denied</c>.</summary>
    public Task RecordDeniedAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        SecurityMetrics.Denied(schema.Service, entry.ResourceType);
        return CommitAsync(entry, AuditOutcome.Denied, cancellationToken);
    }

    private async Task CommitAsync(AuditEntry entry, AuditOutcome outcome, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        Queue(session, entry, outcome);
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Queue(IDocumentSession session, AuditEntry entry, AuditOutcome outcome)
    {
        var context = http.HttpContext;
        session.QueueSqlCommand(
            schema.Insert(_ => "?"),
            schema.Row(context, context?.User.FindFirst(NmtClaims.Subject)?.Value ?? "anonymous", entry, outcome, time.GetUtcNow()));
    }
}
