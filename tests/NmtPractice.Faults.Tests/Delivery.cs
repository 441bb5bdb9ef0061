using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NmtPractice.Testing;

namespace NmtPractice.Faults.Tests;

/// <summary>
/// What "nothing lost, nothing counted twice" means, read from the stores themselves: every event a
/// service committed that it publishes has an inbox record (keyed by the event's id) at every service
/// that consumes it; outcome reporting stored each exactly once; no message waits or failed in the
/// broker; and outcome reporting's read models equal a rebuild from its event store.
/// </summary>
public static class Delivery
{
    /// <summary>A published kind of event: where it is committed, how it is stored there, who consumes it, and how outcome reporting stores it.</summary>
    private sealed record Flow(string Publisher, string Schema, string StoredAs, string? Only, string[] Consumers, string IngestedAs);

    private static readonly Flow[] Flows =
    [
        new("intake", "intake", "client_registered", null, ["scheduling", "outcome-reporting"], "client_registered_at"),
        new("intake", "intake", "client_screened", "(data->>'complete')::boolean", ["scheduling", "treatment-records", "outcome-reporting"], "screening_completed"),
        new("scheduling", "scheduling", "appointment_booked", null, ["outcome-reporting", "notifications"], "appointment_booked"),
        new("scheduling", "scheduling", "client_checked_in", null, ["treatment-records", "outcome-reporting"], "appointment_checked_in"),
        new("scheduling", "scheduling", "location_opened", null, ["treatment-records", "outcome-reporting", "notifications"], "location_published"),
    ];

    private static readonly Dictionary<string, string> Schemas = new(StringComparer.Ordinal)
    {
        ["intake"] = "intake",
        ["scheduling"] = "scheduling",
        ["treatment-records"] = "treatment_records",
        ["outcome-reporting"] = "outcome_reporting",
        ["notifications"] = "notifications",
    };

    /// <summary>Awaits every committed event at every consumer, exactly once in outcome reporting, and an empty broker.</summary>
    public static async Task EverythingDeliveredAsync(FaultySystem system, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        await Eventually.ValueAsync("every committed event to reach every consumer", () => MissingAsync(system), missing => missing.Length == 0, timeout);
    }

    /// <summary>What is not (yet) delivered, or an empty string.</summary>
    private static async Task<string> MissingAsync(FaultySystem system)
    {
        var problems = new List<string>();
        foreach (var flow in Flows)
        {
            var committed = await IdsAsync(
                system.Database(flow.Publisher).ConnectionString,
                $"select id from {flow.Schema}.mt_events where type = '{flow.StoredAs}'{(flow.Only is null ? string.Empty : $" and {flow.Only}")}");
            if (committed.Count == 0)
            {
                throw new ProbeAbortedException($"{flow.Publisher} committed no {flow.StoredAs} event: the load did not run, or the event's stored name changed.");
            }

            foreach (var consumer in flow.Consumers)
            {
                var inbox = await IdsAsync(
                    system.Database(consumer).ConnectionString,
                    $"select (data->>'messageId')::uuid from {Schemas[consumer]}.mt_doc_inboxrecord");
                var notThere = committed.Count(id => !inbox.Contains(id));
                if (notThere > 0)
                {
                    problems.Add($"{notThere} of {committed.Count} {flow.StoredAs} not at {consumer}");
                }
            }

            var ingested = await ScalarAsync<long>(
                system.Database("outcome-reporting").ConnectionString,
                $"select count(*) from outcome_reporting.mt_events where type = '{flow.IngestedAs}'");
            if (ingested != committed.Count)
            {
                problems.Add($"outcome reporting stored {ingested} {flow.IngestedAs} for {committed.Count} committed");
            }
        }

        using var management = ThrowawayVirtualHost.ManagementClient(system.Infrastructure.Servers);
        foreach (var queue in (await management.GetFromJsonAsync<JsonElement>("api/queues")).EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString();
            var messages = queue.TryGetProperty("messages", out var count) ? count.GetInt32() : 0;
            if (messages > 0)
            {
                problems.Add($"{messages} message(s) in {name}");
            }
        }

        return string.Join("; ", problems);
    }

    /// <summary>
    /// Awaits outcome reporting's projections catching up, takes every read-model document, rebuilds
    /// every read model from the event store through the API, and asserts the documents are the same.
    /// </summary>
    public static async Task ReadModelsEqualARebuildAsync(FaultySystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var outcomes = system.Database("outcome-reporting").ConnectionString;
        await Eventually.ValueAsync(
            "outcome reporting's projections to reach the end of its event store",
            () => ScalarAsync<string>(outcomes, """
                select coalesce(string_agg(p.name || ' at ' || p.last_seq_id, ', '), '')
                from outcome_reporting.mt_event_progression p
                where p.name like '%:All' and p.last_seq_id < (select coalesce(max(seq_id), 0) from outcome_reporting.mt_events)
                """),
            behind => behind.Length == 0,
            TimeSpan.FromSeconds(60));
        var live = await ReadModelDocumentsAsync(outcomes);

        using var admin = await system.ClientForAsync("ops.admin");
        using var started = await admin.PostAsync(new Uri("api/outcomes/rebuilds", UriKind.Relative), null);
        started.EnsureSuccessStatusCode();
        var location = started.Headers.Location ?? throw new InvalidOperationException("The rebuild has no Location.");
        await Eventually.UntilAsync("the rebuild to finish", async () =>
        {
            var status = await admin.GetFromJsonAsync<JsonElement>(location.ToString().TrimStart('/'));
            return status.GetProperty("state").GetString() switch
            {
                "succeeded" => true,
                "failed" => throw new ProbeAbortedException($"The rebuild failed: {status}"),
                _ => false,
            };
        }, TimeSpan.FromSeconds(120));
        var rebuilt = await ReadModelDocumentsAsync(outcomes);

        Assert.Equal(live.Keys.Order(StringComparer.Ordinal), rebuilt.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(live, pair => pair.Key.EndsWith("appointmentfacts", StringComparison.Ordinal) && pair.Value.Count > 0);
        foreach (var (table, documents) in live)
        {
            Assert.Equal(documents, rebuilt[table]);
        }
    }

    /// <summary>Every read model's documents (id and JSON), by table.</summary>
    private static async Task<Dictionary<string, List<string>>> ReadModelDocumentsAsync(string connectionString)
    {
        var tables = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'outcome_reporting' and table_name like 'mt\\_doc\\_%' and table_name not in ('mt_doc_inboxrecord', 'mt_doc_auditentry') order by 1",
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var documents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var command = new NpgsqlCommand($"select id::text || ' ' || data::text from outcome_reporting.{table} order by id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            documents[table] = rows;
        }

        return documents;
    }

    private static async Task<HashSet<Guid>> IdsAsync(string connectionString, string sql)
    {
        var ids = new HashSet<Guid>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
