using Microsoft.Extensions.Hosting;
using Npgsql;

namespace NmtPractice.ServiceDefaults.Audit;

/// <summary>
/// Creates the service's append-only <c>audit_log</c> table at start (idempotently): rows can be
/// inserted and read, never updated, deleted or truncated.
/// </summary>
public sealed class AuditSchema(string connectionString, string schema, string service) : IHostedService
{
    /// <summary>The service that writes this log.</summary>
    public string Service { get; } = service;

    /// <summary>The qualified table name.</summary>
    public string Table { get; } = $"{schema}.audit_log";

    /// <summary>
    /// The one statement that adds a row, with <paramref name="placeholder"/> (1-based) for each value
    /// of <see cref="Row"/>: <c>?</c> for a command queued in a Marten session, <c>$n</c> for Npgsql.
    /// </summary>
    public string Insert(Func<int, string> placeholder)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        return $"insert into {Table} (id, occurred_at, service, user_id, roles, client_address, action, resource_type, resource_id, location_id, client_id, outcome, correlation_id) " +
            $"values ({string.Join(", ", Enumerable.Range(1, 13).Select(placeholder))})";
    }

    /// <summary>The values of one row, in the order of <see cref="Insert"/>: who (and from where) did what to which record, with the outcome and the request's correlation id.</summary>
    public object[] Row(HttpContext? context, string userId, AuditEntry entry, AuditOutcome outcome, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            Guid.CreateVersion7(),
            at,
            Service,
            userId,
            context?.User.FindAll(NmtPractice.Contracts.Security.NmtClaims.Role).Select(claim => claim.Value).ToArray() ?? [],
            context?.Connection.RemoteIpAddress?.ToString() ?? (object)DBNull.Value,
            entry.Action,
            entry.ResourceType,
            entry.ResourceId,
            entry.LocationId ?? (object)DBNull.Value,
            entry.ClientId ?? (object)DBNull.Value,
            outcome == AuditOutcome.Allowed ? "allowed" : "denied",
            NmtPractice.ServiceDefaults.Http.CorrelationContext.Current?.CorrelationId ?? (object)DBNull.Value,
        ];
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            create schema if not exists {schema};
            create table if not exists {Table} (
                id uuid primary key,
                occurred_at timestamptz not null,
                service text not null,
                user_id text not null,
                roles text[] not null,
                client_address text,
                action text not null,
                resource_type text not null,
                resource_id text not null,
                location_id uuid,
                client_id uuid,
                outcome text not null check (outcome in ('allowed', 'denied')),
                correlation_id text);
            create index if not exists audit_log_occurred_at on {Table} (occurred_at);
            create index if not exists audit_log_resource on {Table} (resource_id);
            create index if not exists audit_log_client on {Table} (client_id);
            create index if not exists audit_log_user on {Table} (user_id);
            create or replace function {schema}.audit_log_is_append_only() returns trigger language plpgsql as $$
            begin
                raise exception 'audit_log is append-only: % is not allowed', tg_op;
            end $$;
            drop trigger if exists audit_log_no_change on {Table};
            create trigger audit_log_no_change before update or delete on {Table}
                for each statement execute function {schema}.audit_log_is_append_only();
            drop trigger if exists audit_log_no_truncate on {Table};
            create trigger audit_log_no_truncate before truncate on {Table}
                for each statement execute function {schema}.audit_log_is_append_only();
            """,
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
