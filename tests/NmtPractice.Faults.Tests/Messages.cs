using Npgsql;
using NmtPractice.Testing;

namespace NmtPractice.Faults.Tests;

/// <summary>
/// What "nothing lost, nothing sent twice" means for messages, read from the notifications store, the
/// mail server and the fake operator: every message whose time has come was handed over or settled
/// with a reason; no email (by its Message-ID, the message id) and no text reached anyone twice; every
/// email recorded as sent is in the mail server.
/// </summary>
public static class Messages
{
    /// <summary>Awaits emails waiting for a retry: the notifications service met the mail server's outage.</summary>
    public static Task AwaitDeferredEmailAsync(FaultySystem system, TimeSpan timeout) =>
        Eventually.UntilAsync("an email waits for a retry while the mail server is down", async () =>
            await CountAsync(system, "lower(data->>'channel') = 'email' and lower(data->>'status') = 'planned' and (data->>'attempts')::int > 0") > 0, timeout);

    /// <summary>Awaits every due message handed over (or settled with a reason), then checks none went twice and none recorded as sent is missing.</summary>
    public static async Task SentAtMostOnceAndNoneLostAsync(FaultySystem system, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        await Eventually.ValueAsync(
            "every message whose time has come to be handed over",
            () => CountAsync(system, "lower(data->>'status') in ('planned', 'due') and (data->>'sendAt')::timestamptz <= now()"),
            waiting => waiting == 0,
            timeout);

        var mail = await system.Mail.MessageIdsAsync();
        var twice = mail.GroupBy(id => id, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(twice.Count == 0, $"emails received more than once: {string.Join(", ", twice)}");
        var texts = system.Sms.Sent.GroupBy(text => (text.To, text.Text)).Where(group => group.Count() > 1).Select(group => $"{group.Key.To}: {group.Key.Text}").ToList();
        Assert.True(texts.Count == 0, $"texts received more than once: {string.Join(" | ", texts)}");

        var sentEmails = await SentAsync(system, "lower(data->>'channel') = 'email' and lower(data->>'status') in ('sent', 'answered')");
        var received = mail.ToHashSet(StringComparer.Ordinal);
        var missing = sentEmails.Where(sent => !received.Contains($"{sent.Id:N}@nmtpractice")).ToList();

        // smtp4dev says "250 accepted" before it stores the message: one accepted in the instant before the
        // server was killed is lost by the server. Any other email recorded as sent must be in its store.
        var lostByTheServer = missing.Where(sent => system.Mail.KilledAt.Any(killed => (sent.At - killed).Duration() < AckToStore)).ToList();
        var lost = missing.Except(lostByTheServer).Select(sent => $"{sent.Id} (sent {sent.At:O})").ToList();
        Assert.True(lost.Count == 0, $"emails recorded as sent that the mail server does not have (killed at {string.Join(", ", system.Mail.KilledAt.Select(k => k.ToString("O")))}): {string.Join(", ", lost)}");

        var failures = await ReasonsAsync(system);
        TestContext.Current.SendDiagnosticMessage(
            $"{mail.Count} emails and {system.Sms.Sent.Count} texts received; failed: {(failures.Count == 0 ? "none" : string.Join("; ", failures.Select(pair => $"{pair.Value} x {pair.Key}")))}");
        // Only a hand-over the service cannot know the outcome of may fail: a killed process mid-hand-over, a connection broken after the whole message went.
        Assert.All(failures.Keys, reason => Assert.True(
            reason.StartsWith("The service stopped while handing it over", StringComparison.Ordinal) || reason.Contains("after the message was passed on", StringComparison.Ordinal)
            || reason.Contains("after the request went out", StringComparison.Ordinal),
            $"a message failed for a reason a fault should not cause: {reason}"));
    }

    private static async Task<long> CountAsync(FaultySystem system, string where)
    {
        await using var connection = new NpgsqlConnection(system.Database("notifications").ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from notifications.mt_doc_message where {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How long after a kill the sender may still record as sent what the server accepted (and then lost) just before it.</summary>
    private static readonly TimeSpan AckToStore = TimeSpan.FromSeconds(5);

    /// <summary>The messages that match, with when each was recorded as handed over.</summary>
    private static async Task<IReadOnlyList<(Guid Id, DateTimeOffset At)>> SentAsync(FaultySystem system, string where)
    {
        await using var connection = new NpgsqlConnection(system.Database("notifications").ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select id, (select (step->>'at')::timestamptz from jsonb_array_elements(data->'history') step where lower(step->>'status') = 'sent' limit 1) " +
            $"from notifications.mt_doc_message where {where}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var sent = new List<(Guid, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            sent.Add((reader.GetGuid(0), reader.IsDBNull(1) ? DateTimeOffset.MinValue : reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return sent;
    }

    private static async Task<Dictionary<string, int>> ReasonsAsync(FaultySystem system)
    {
        await using var connection = new NpgsqlConnection(system.Database("notifications").ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data->'history'->-1->>'reason', count(*) from notifications.mt_doc_message where lower(data->>'status') = 'failed' group by 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            reasons[reader.IsDBNull(0) ? "(none)" : reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return reasons;
    }
}
