using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rule: a message the mail server could not take (it is down) waits and is tried again, 30 seconds
/// after the first failure and twice as long after each next one; once the server is back, the retry
/// delivers it, once. Each attempt is a step of the message, with its reason.
/// </summary>
public sealed class RetryTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly PracticeMessages _practice = new(fixture);

    [Fact]
    public async Task An_email_the_mail_server_could_not_take_is_tried_again_and_delivered_once_when_it_is_back()
    {
        await _practice.KnownAsync();
        var (client, email, _) = await _practice.ClientAsync("Noa", sms: false);
        await fixture.Mail.StopAsync();
        try
        {
            await _practice.BookAsync(client, fixture.Clock.GetUtcNow().AddDays(3));
            var deferred = await Eventually.ValueAsync("the confirmation waits for a retry", async () => (await _practice.MessagesAsync(client)).SingleOrDefault(m => PracticeMessages.Kind(m) == "Confirmation"),
                m => m.ValueKind == System.Text.Json.JsonValueKind.Object && m.GetProperty("attempts").GetInt32() == 1 && PracticeMessages.Status(m) == "Planned");
            Assert.Equal(fixture.Clock.GetUtcNow().AddSeconds(30), deferred.GetProperty("sendAt").GetDateTimeOffset());

            // Still down at the first retry: the next waits a minute.
            fixture.Clock.Advance(TimeSpan.FromSeconds(30));
            var twice = await Eventually.ValueAsync("the second attempt fails too", async () => (await _practice.MessagesAsync(client)).Single(m => PracticeMessages.Kind(m) == "Confirmation"),
                m => m.GetProperty("attempts").GetInt32() == 2 && PracticeMessages.Status(m) == "Planned");
            Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(1), twice.GetProperty("sendAt").GetDateTimeOffset());
        }
        finally
        {
            await fixture.Mail.StartAgainAsync();
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await _practice.MailAsync(email, 1);
        var sent = await Eventually.ValueAsync("the confirmation is sent", async () => (await _practice.MessagesAsync(client)).Single(m => PracticeMessages.Kind(m) == "Confirmation"),
            m => PracticeMessages.Status(m) == "Sent");
        Assert.Equal(
            ["Planned", "Due", "Planned", "Due", "Planned", "Due", "Sent"],
            sent.GetProperty("history").EnumerateArray().Select(step => step.GetProperty("status").GetString()));
        Assert.Contains("could not be reached", sent.GetProperty("history")[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await fixture.Mail.MessagesToAsync(email));
    }
}
