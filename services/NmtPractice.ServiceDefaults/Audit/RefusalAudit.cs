namespace NmtPractice.ServiceDefaults.Audit;

/// <summary>
/// The audit row of a refusal that names no record of its own (a role check, a location check on the
/// request's parameters): the method and path (ids only, never the query string) and the location when
/// known. A service without an audit log (the gateway) records nothing.
/// </summary>
internal static class RefusalAudit
{
    public static Task RecordAsync(HttpContext context, Guid? locationId, CancellationToken cancellationToken)
    {
        var audit = context.RequestServices.GetService<AuditLog>();
        return audit is null
            ? Task.CompletedTask
            : audit.RecordDeniedAsync(
                new AuditEntry(context.Request.Method.ToLowerInvariant(), "endpoint", context.Request.Path.Value ?? "/", locationId, null),
                cancellationToken);
    }
}
