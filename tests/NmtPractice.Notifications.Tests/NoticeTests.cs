using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rules: a freed time offered from the waitlist reaches the client at once, with how long it is held;
/// a text that would fall in the quiet hours waits for the morning, and is withdrawn if the hold runs
/// out first. A lapsed intake asks the client to renew it before the next visit, in their language.
/// </summary>
public sealed class NoticeTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly PracticeMessages _practice = new(fixture);

    [Fact]
    public async Task A_waitlist_offer_reaches_the_client_with_its_hold_and_a_text_held_for_the_morning_is_withdrawn_when_the_hold_ends()
    {
        await _practice.KnownAsync();
        var (client, email, phone) = await _practice.ClientAsync("Ida");
        // 22:30 in Boston: email now, the text not before 08:00.
        var evening = new DateTimeOffset(fixture.Clock.GetUtcNow().Date.AddDays(1).AddHours(22).AddMinutes(30), TimeSpan.FromHours(-5)).ToUniversalTime();
        fixture.Clock.SetUtcNow(evening.ToUniversalTime());
        var entry = Guid.CreateVersion7();
        var startsAt = evening.AddHours(13);
        var holdsUntil = evening.AddHours(10);
        await fixture.Bus.PublishAsync(
            new WaitlistSlotOffered(entry, client, _practice.Location, _practice.Therapist, "NMT-60", startsAt, startsAt.AddHours(1), evening, holdsUntil), Guid.CreateVersion7());

        var offer = (await _practice.MailAsync(email, 1))[0];
        Assert.StartsWith("A time opened for you:", offer.Subject, StringComparison.Ordinal);
        Assert.Contains("It is held for you until", offer.TextBody, StringComparison.Ordinal);
        var summary = await Eventually.ValueAsync("the text waits for the morning", () => _practice.SummaryAsync(client), s => s.Contains("WaitlistOffer Sms Planned", StringComparison.Ordinal));
        Assert.Contains("WaitlistOffer Email Sent", summary, StringComparison.Ordinal);

        await fixture.Bus.PublishAsync(new WaitlistOfferExpired(entry, client, _practice.Location, startsAt, holdsUntil, evening.AddHours(1)), Guid.CreateVersion7());
        await Eventually.ValueAsync("the waiting text is withdrawn", () => _practice.SummaryAsync(client), s => s.Contains("WaitlistOffer Sms Withdrawn", StringComparison.Ordinal));
        Assert.Empty(fixture.Sms.To(phone));
    }

    [Fact]
    public async Task A_lapsed_intake_asks_the_client_to_renew_it_in_their_language()
    {
        await _practice.KnownAsync();
        var (client, email, _) = await _practice.ClientAsync("Jon", sms: false, language: "es");

        await fixture.Bus.PublishAsync(new IntakeExpired(client, _practice.Location, 1, fixture.Clock.GetUtcNow()), Guid.CreateVersion7());

        var renewal = (await _practice.MailAsync(email, 1))[0];
        Assert.Equal("Por favor, actualice su cuestionario de salud", renewal.Subject);
    }
}
