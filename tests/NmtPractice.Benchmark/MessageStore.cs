using Npgsql;

namespace NmtPractice.Benchmark;

/// <summary>How many of one location's messages took one step (an event type), by kind and channel, and when the first and last did.</summary>
internal sealed record MessageSteps(string Type, string Kind, string Channel, long Count, DateTimeOffset First, DateTimeOffset Last);

/// <summary>
/// Reads the notifications service's own store (its database, read only): what the service has
/// recorded is what counts, as each message's events (planned, due, sent, delivered ...) with the
/// time PostgreSQL committed them.
/// </summary>
internal sealed class MessageStore(string connectionString)
{
    public const string Planned = "message_planned";
    public const string Due = "message_due";
    public const string Sent = "message_sent";
    public const string Delivered = "message_delivered";
    public const string Deferred = "message_deferred";
    public const string Failed = "message_failed";
    public const string Bounced = "message_bounced";
    public const string Withdrawn = "message_withdrawn";

    /// <summary>The last event sequence number: a cheap clock of how much the service has recorded.</summary>
    public async Task<long> LastSequenceAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(seq_id), 0) from notifications.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many of <paramref name="ids"/> the service knows as recipients (with <paramref name="withoutConsent"/>: that agree to no channel).</summary>
    public Task<long> RecipientsAsync(IReadOnlyCollection<Guid> ids, bool withoutConsent = false) => CountAsync(
        withoutConsent
            ? "select count(*) from notifications.mt_doc_recipient where id = any(@ids) and data ->> 'emailAllowed' = 'false' and data ->> 'smsAllowed' = 'false'"
            : "select count(*) from notifications.mt_doc_recipient where id = any(@ids)",
        ids);

    /// <summary>How many of <paramref name="ids"/> the service knows as locations.</summary>
    public Task<long> LocationsAsync(IReadOnlyCollection<Guid> ids) => CountAsync("select count(*) from notifications.mt_doc_knownlocation where id = any(@ids)", ids);

    /// <summary>How many of <paramref name="ids"/> the service knows as therapists.</summary>
    public Task<long> TherapistsAsync(IReadOnlyCollection<Guid> ids) => CountAsync("select count(*) from notifications.mt_doc_knowntherapist where id = any(@ids)", ids);

    /// <summary>How many appointments at <paramref name="locationId"/> the service has taken in.</summary>
    public async Task<long> AppointmentsAtAsync(Guid locationId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from notifications.mt_doc_knownappointment where CAST(data ->> 'locationId' as uuid) = @location", connection);
        command.Parameters.AddWithValue("location", locationId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The steps of the messages planned for <paramref name="locationId"/> after event <paramref name="since"/>:
    /// every event of those messages' streams since then, counted by type, kind and channel.
    /// </summary>
    public async Task<IReadOnlyList<MessageSteps>> StepsAsync(long since, Guid locationId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            with ours as (
                select stream_id, lower(data ->> 'kind') as kind, lower(data ->> 'channel') as channel
                from notifications.mt_events
                where seq_id > @since and type = 'message_planned' and data ->> 'locationId' = @location)
            select e.type, ours.kind, ours.channel, count(*), min(e.timestamp), max(e.timestamp)
            from notifications.mt_events e join ours on ours.stream_id = e.stream_id
            where e.seq_id > @since
            group by e.type, ours.kind, ours.channel
            """, connection);
        command.CommandTimeout = 120;
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("location", locationId.ToString());
        var steps = new List<MessageSteps>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(new MessageSteps(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return steps;
    }

    private async Task<long> CountAsync(string sql, IReadOnlyCollection<Guid> ids)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>Sums over <see cref="MessageSteps"/>.</summary>
internal static class MessageStepsExtensions
{
    public static long Number(this IEnumerable<MessageSteps> steps, string type, string? kind = null, string? channel = null) =>
        steps.Where(step => step.Type == type && (kind is null || step.Kind == kind) && (channel is null || step.Channel == channel)).Sum(step => step.Count);

    public static DateTimeOffset? FirstAt(this IEnumerable<MessageSteps> steps, string type) =>
        steps.Where(step => step.Type == type).Select(step => (DateTimeOffset?)step.First).Min();

    public static DateTimeOffset? LastAt(this IEnumerable<MessageSteps> steps, string type) =>
        steps.Where(step => step.Type == type).Select(step => (DateTimeOffset?)step.Last).Max();
}
