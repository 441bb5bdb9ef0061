using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Intake;
using NmtPractice.Notifications.Recipients;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rules: the reminders of a client's upcoming appointments follow their consent as it changes:
/// withdrawing a channel withdraws what waits on it at once, and agreeing to it again (after the
/// booking) plans its reminders again; the other channel is untouched. An erased client is forgotten:
/// no address, no number, no consent, nothing more goes to them, and no late change brings them back.
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

    [Fact]
    public async Task An_erased_client_is_forgotten_and_nothing_more_goes_to_them()
    {
        await _practice.KnownAsync();
        var (client, email, phone) = await _practice.ClientAsync("Vera");
        await _practice.BookAsync(client, fixture.Clock.GetUtcNow().AddDays(6));
        await Eventually.ValueAsync("both reminders are planned", () => _practice.SummaryAsync(client),
            s => s.Contains("Reminder Email Planned", StringComparison.Ordinal) && s.Contains("Reminder Sms Planned", StringComparison.Ordinal));

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await fixture.Bus.PublishAsync(new ClientErased(client, _practice.Location, fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        var after = await Eventually.ValueAsync("the reminders are withdrawn", () => _practice.MessagesAsync(client),
            messages => messages.Where(m => PracticeMessages.Kind(m) == "Reminder").All(m => PracticeMessages.Status(m) == "Withdrawn"));
        Assert.Equal(2, after.Count(m => PracticeMessages.Kind(m) == "Reminder"));

        // A contact change that was on its way when the client was erased brings nothing back.
        var late = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(new ClientContactChanged(client, _practice.Location, email, phone, true, true, "en", "in-person", fixture.Clock.GetUtcNow().AddMinutes(1)), late);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await Eventually.UntilAsync("the late contact change is handled", async () =>
        {
            await using var inbox = store.QuerySession();
            return await inbox.Query<InboxRecord>().AnyAsync(record => record.MessageId == late, TestContext.Current.CancellationToken);
        });
        // Bookings are handled in order: once the next client's reminders are planned, the erased client's booking before it was handled too.
        await _practice.BookAsync(client, fixture.Clock.GetUtcNow().AddDays(7));
        var (other, _, _) = await _practice.ClientAsync("Wes");
        await _practice.BookAsync(other, fixture.Clock.GetUtcNow().AddDays(7).AddHours(2));
        await Eventually.ValueAsync("a later client's reminders are planned", () => _practice.SummaryAsync(other), s => s.Contains("Reminder Email Planned", StringComparison.Ordinal));
        await using var session = store.QuerySession();
        var recipient = await session.LoadAsync<Recipient>(client, TestContext.Current.CancellationToken);
        Assert.NotNull(recipient);
        Assert.Equal((null, null, null, false, false), (recipient.Email, recipient.Phone, recipient.PhoneLookup, recipient.EmailAllowed, recipient.SmsAllowed));
        Assert.NotNull(recipient.ErasedAt);
        Assert.DoesNotContain(await _practice.MessagesAsync(client), m => PracticeMessages.Status(m) is "Planned" or "Sent" && PracticeMessages.Kind(m) != "Confirmation");
    }
}
