namespace NmtPractice.ServiceDefaults.Audit;

/// <summary>What was done to which clinical record; who, when and from where are added by the audit log.</summary>
/// <param name="Action">What was done: <c>read</c>, <c>create</c>, <c>update</c>, <c>sign</c>...</param>
/// <param name="ResourceType">The kind of record, e.g. <c>session-note</c>.</param>
/// <param name="ResourceId">The record's id.</param>
/// <param name="LocationId">The location the record belongs to.</param>
/// <param name="ClientId">The client the record is about (for an accounting of disclosures per client).</param>
public sealed record AuditEntry(string Action, string ResourceType, string ResourceId, Guid? LocationId, Guid? ClientId);

/// <summary>Whether the access was allowed or refused.</summary>
public enum AuditOutcome
{
    Allowed,
    Denied,
}

/// <summary>One row of the audit log, as the admin API returns it.</summary>
public sealed record AuditRecord(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Service,
    string UserId,
    IReadOnlyList<string> Roles,
    string? ClientAddress,
    string Action,
    string ResourceType,
    string ResourceId,
    Guid? LocationId,
    Guid? ClientId,
    string Outcome,
    string? CorrelationId);
