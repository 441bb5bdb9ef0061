using NmtPractice.Contracts.Intake;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rule: the reminders of a client's upcoming appointments follow their consent as it changes:
/// withdrawing a channel withdraws what waits on it at once, and agreeing to it again (after the
/// booking) plans its reminders again; the other channel is untouched.
/// </summary>
public sealed class ConsentChangeTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly PracticeMessages _practice = new(fixture);

    [Fact]
    public async Task Withdrawing_texts_withdraws_the_text_reminder_and_agreeing_again_plans_it_again()
    {
        await _practice.KnownAsync();
        var (client, email, phone) = await _practice.ClientAsync("Uma");
        await _practice.BookAsync(client, fixture.Clock.GetUtcNow().AddDays(5));
        await Eventually.ValueAsync("both reminders are planned", () => _practice.SummaryAsync(client),
            s => s.Contains("Reminder Email Planned", StringComparison.Ordinal) && s.Contains("Reminder Sms Planned", StringComparison.Ordinal));

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await fixture.Bus.PublishAsync(new ClientContactChanged(client, _practice.Location, email, phone, true, false, "en", "by-phone", fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        var withdrawn = await Eventually.ValueAsync("the text reminder is withdrawn", () => _practice.SummaryAsync(client),
            s => s.Contains("Reminder Sms Withdrawn", StringComparison.Ordinal));
        Assert.Contains("Reminder Email Planned", withdrawn, StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await fixture.Bus.PublishAsync(new ClientContactChanged(client, _practice.Location, email, phone, true, true, "en", "in-person", fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        var again = await Eventually.ValueAsync("the text reminder is planned again", () => _practice.SummaryAsync(client),
            s => s.Contains("Reminder Sms Planned", StringComparison.Ordinal));
        Assert.Contains("Reminder Email Planned", again, StringComparison.Ordinal);
    }
}
