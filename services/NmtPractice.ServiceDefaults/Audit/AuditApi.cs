using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.ServiceDefaults.Audit;

/// <summary>The audit log and its admin query API (<c>GET {prefix}/audit</c>, operations admins only).</summary>
public static class AuditApi
{
    private const int MaxRows = 1000;

    /// <summary>Adds the audit log of a service whose database schema is <paramref name="schema"/>.</summary>
    public static IHostApplicationBuilder AddNmtAuditLog(this IHostApplicationBuilder builder, string schema, string service)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionStringOrThrow(EventStoreExtensions.ConnectionStringName);
        var auditSchema = new AuditSchema(connectionString, schema, service);
        builder.Services.AddSingleton(auditSchema);
        builder.Services.AddHostedService(_ => auditSchema);
        builder.Services.AddSingleton(new AuditReader(connectionString, auditSchema.Table));
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>Maps <c>GET {prefix}/audit?from&amp;to&amp;userId&amp;clientId&amp;resourceId</c>.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app, string routePrefix)
    {
        app.MapGet($"{routePrefix}/audit", QueryAsync)
            .RequireRoles(NmtRoles.OperationsAdmin)
            .WithTags("Audit")
            .WithName($"QueryAuditLog{routePrefix.Replace("/", "-", StringComparison.Ordinal)}")
            .WithSummary("Who read or changed clinical records, when and from where")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AuditRecord>>> QueryAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? userId,
        Guid? clientId,
        string? resourceId,
        AuditReader reader,
        CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new RequestValidationException("to", "'to' must not be before 'from'.");
        }

        if (to - from > TimeSpan.FromDays(92))
        {
            throw new RequestValidationException("to", "Query at most 92 days at a time.");
        }

        return TypedResults.Ok(await reader.QueryAsync(from, to, userId, clientId, resourceId, MaxRows, cancellationToken));
    }
}

/// <summary>Reads the audit log (newest first).</summary>
public sealed class AuditReader(string connectionString, string table)
{
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? userId,
        Guid? clientId,
        string? resourceId,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select id, occurred_at, service, user_id, roles, client_address, action, resource_type, resource_id, location_id, client_id, outcome, correlation_id from {table} " +
            "where occurred_at >= @from and occurred_at <= @to " +
            "and (@user::text is null or user_id = @user) and (@client::uuid is null or client_id = @client) and (@resource::text is null or resource_id = @resource) " +
            "order by occurred_at desc limit @limit",
            connection);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        command.Parameters.AddWithValue("user", (object?)userId ?? DBNull.Value);
        command.Parameters.AddWithValue("client", (object?)clientId ?? DBNull.Value);
        command.Parameters.AddWithValue("resource", (object?)resourceId ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AuditRecord(
                reader.GetGuid(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<string[]>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetGuid(9),
                reader.IsDBNull(10) ? null : reader.GetGuid(10),
                reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return rows;
    }
}
