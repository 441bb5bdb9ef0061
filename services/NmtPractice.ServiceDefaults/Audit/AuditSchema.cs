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
