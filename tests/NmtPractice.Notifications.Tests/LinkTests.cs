using System.Net;
using System.Text.RegularExpressions;
using NmtPractice.Contracts.Notifications;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rules: an email about an appointment carries a link to confirm it and one to cancel it; each is
/// signed, for one purpose and one message, carries no personal data, and expires when the appointment
/// starts. Opening a link changes nothing (a mail scanner may open it); posting it passes the client's
/// answer to scheduling once, and the page then says what became of it. An altered link is not
/// recognised, an expired one says so, and neither does anything.
/// </summary>
public sealed class LinkTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly PracticeMessages _practice = new(fixture);

    [Fact]
    public async Task A_confirm_link_shows_the_question_answers_once_and_then_shows_it_confirmed()
    {
        await _practice.KnownAsync();
        var (client, email, _) = await _practice.ClientAsync("Gus", sms: false);
        var startsAt = fixture.Clock.GetUtcNow().AddDays(3);
        var appointment = await _practice.BookAsync(client, startsAt);
        var mail = (await _practice.MailAsync(email, 1))[0];
        var confirm = Link(mail.TextBody, "Confirm you will come");
        Assert.StartsWith("https://clinic.example/api/notifications/links/", confirm.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(client.ToString("N"), confirm.AbsoluteUri, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("gus", confirm.AbsoluteUri, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(confirm.AbsoluteUri, mail.HtmlBody, StringComparison.Ordinal);

        using var page = fixture.Host.CreateClient();
        var opened = await page.GetStringAsync(confirm.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Contains("Confirm your appointment", opened, StringComparison.Ordinal);
        Assert.Contains("Back Bay", opened, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Bus.Received, m => m.Message is AppointmentAnswered answered && answered.ClientId == client);

        using var posted = await page.PostAsync(confirm.PathAndQuery, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Your answer has been passed to the clinic", await posted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var answered = (AppointmentAnswered)(await fixture.Bus.WaitForAsync<AppointmentAnswered>(m => m.ClientId == client)).Message;
        Assert.Equal((appointment, "confirm", "link"), (answered.AppointmentId, answered.Answer, answered.Via));

        using var again = await page.PostAsync(confirm.PathAndQuery, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await fixture.Bus.PublishAsync(
            new AppointmentConfirmed(appointment, client, _practice.Location, startsAt, "link", answered.AnswerId, fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        await NmtPractice.Testing.Eventually.ValueAsync(
            "the page says it is confirmed", () => page.GetStringAsync(confirm.PathAndQuery, TestContext.Current.CancellationToken),
            html => html.Contains("is confirmed", StringComparison.Ordinal));
        Assert.Single(fixture.Bus.Received, m => m.Message is AppointmentAnswered a && a.ClientId == client);
    }

    [Fact]
    public async Task An_altered_link_is_not_recognised_and_an_expired_one_says_so_and_neither_does_anything()
    {
        await _practice.KnownAsync();
        var (client, email, _) = await _practice.ClientAsync("Hal", sms: false);
        await _practice.BookAsync(client, fixture.Clock.GetUtcNow().AddDays(2));
        var cancel = Link((await _practice.MailAsync(email, 1))[0].TextBody, "Cancel the appointment");
        var token = cancel.Segments[^1];
        var altered = cancel.PathAndQuery.Replace(token, (token[0] == 'A' ? "B" : "A") + token[1..], StringComparison.Ordinal);

        using var page = fixture.Host.CreateClient();
        using var alteredShown = await page.GetAsync(altered, TestContext.Current.CancellationToken);
        using var alteredPosted = await page.PostAsync(altered, null, TestContext.Current.CancellationToken);
        using var expiredPage = await PostAfterStartAsync(page, cancel.PathAndQuery);

        Assert.Equal(HttpStatusCode.NotFound, alteredShown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alteredPosted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expiredPage.StatusCode);
        Assert.Contains("This link has expired", await expiredPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Bus.Received, m => m.Message is AppointmentAnswered answered && answered.ClientId == client);
    }

    [Fact]
    public async Task A_claim_link_in_a_waitlist_offer_takes_the_time_once_for_every_link_of_the_offer_and_then_shows_it_booked()
    {
        await _practice.KnownAsync();
        var (client, email, phone) = await _practice.ClientAsync("Ivy");
        var entry = Guid.CreateVersion7();
        var startsAt = fixture.Clock.GetUtcNow().AddDays(2);
        await fixture.Bus.PublishAsync(
            new WaitlistSlotOffered(entry, client, _practice.Location, _practice.Therapist, "NMT-60", startsAt, startsAt.AddHours(1), fixture.Clock.GetUtcNow(), fixture.Clock.GetUtcNow().AddHours(2)),
            Guid.CreateVersion7());
        var mail = (await _practice.MailAsync(email, 1))[0];
        var claim = Link(mail.TextBody, "Take this time");
        Assert.Contains(claim.AbsoluteUri, mail.HtmlBody, StringComparison.Ordinal);
        var sms = (await _practice.TextsAsync(phone, 1))[0];
        var textLink = new Uri(Regex.Match(sms, @"https://\S+").Value);

        using var page = fixture.Host.CreateClient();
        Assert.Contains("Take the time on", await page.GetStringAsync(claim.PathAndQuery, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Bus.Received, m => m.Message is WaitlistOfferClaimed taken && taken.ClientId == client);
        using var posted = await page.PostAsync(claim.PathAndQuery, null, TestContext.Current.CancellationToken);
        using var postedAgain = await page.PostAsync(claim.PathAndQuery, null, TestContext.Current.CancellationToken);
        using var byText = await page.PostAsync(textLink.PathAndQuery, null, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.OK), (posted.StatusCode, postedAgain.StatusCode, byText.StatusCode));
        await Eventually.UntilAsync("both claims are published", () => Task.FromResult(fixture.Bus.Received.Count(m => m.Message is WaitlistOfferClaimed c && c.ClientId == client) == 2));
        var claims = fixture.Bus.Received.Select(m => m.Message).OfType<WaitlistOfferClaimed>().Where(c => c.ClientId == client).ToList();
        Assert.Single(claims.Select(c => c.AppointmentId).Distinct());
        Assert.Equal((entry, _practice.Therapist, startsAt, "link"), (claims[0].WaitlistEntryId, claims[0].TherapistId, claims[0].StartsAt, claims[0].Via));

        // Scheduling books it under the claim's id; the link's page then says it is booked.
        await fixture.Bus.PublishAsync(
            new AppointmentBooked(claims[0].AppointmentId, client, _practice.Location, _practice.Therapist, "NMT-60", startsAt, startsAt.AddHours(1), fixture.Clock.GetUtcNow(), WaitlistEntryId: entry),
            Guid.CreateVersion7());
        await Eventually.ValueAsync(
            "the page says it is booked", () => page.GetStringAsync(claim.PathAndQuery, TestContext.Current.CancellationToken),
            html => html.Contains("The time is yours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_claim_says_why_and_a_claim_link_after_the_hold_says_the_offer_expired_and_does_nothing()
    {
        await _practice.KnownAsync();
        var (client, email, _) = await _practice.ClientAsync("Joy", sms: false);
        var startsAt = fixture.Clock.GetUtcNow().AddDays(6);
        await fixture.Bus.PublishAsync(
            new WaitlistSlotOffered(Guid.CreateVersion7(), client, _practice.Location, _practice.Therapist, "NMT-60", startsAt, startsAt.AddHours(1), fixture.Clock.GetUtcNow(), fixture.Clock.GetUtcNow().AddHours(2)),
            Guid.CreateVersion7());
        var taken = Link((await _practice.MailAsync(email, 1))[0].TextBody, "Take this time");
        using var page = fixture.Host.CreateClient();
        using var posted = await page.PostAsync(taken.PathAndQuery, null, TestContext.Current.CancellationToken);
        var claim = (WaitlistOfferClaimed)(await fixture.Bus.WaitForAsync<WaitlistOfferClaimed>(m => m.ClientId == client)).Message;

        await fixture.Bus.PublishAsync(
            new WaitlistClaimRefused(claim.ClaimId, claim.AppointmentId, claim.WaitlistEntryId, client, _practice.Location, "taken", fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        await Eventually.ValueAsync(
            "the page says the time was taken", () => page.GetStringAsync(taken.PathAndQuery, TestContext.Current.CancellationToken),
            html => html.Contains("Someone else booked this time first", StringComparison.Ordinal));

        var later = startsAt.AddDays(1);
        await fixture.Bus.PublishAsync(
            new WaitlistSlotOffered(Guid.CreateVersion7(), client, _practice.Location, _practice.Therapist, "NMT-60", later, later.AddHours(1), fixture.Clock.GetUtcNow(), fixture.Clock.GetUtcNow().AddHours(2)),
            Guid.CreateVersion7());
        var second = Link((await _practice.MailAsync(email, 2)).Single(m => !(m.TextBody ?? string.Empty).Contains(taken.AbsoluteUri, StringComparison.Ordinal)).TextBody, "Take this time");
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        using var expiredShown = await page.GetAsync(second.PathAndQuery, TestContext.Current.CancellationToken);
        using var expiredPosted = await page.PostAsync(second.PathAndQuery, null, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Gone, HttpStatusCode.Gone), (expiredShown.StatusCode, expiredPosted.StatusCode));
        Assert.Contains("This offer has expired", await expiredShown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Single(fixture.Bus.Received, m => m.Message is WaitlistOfferClaimed c && c.ClientId == client);
    }

    /// <summary>Posts the link once the appointment has begun (the clock only moves forward: the class's other test books from wherever it stands).</summary>
    private async Task<HttpResponseMessage> PostAfterStartAsync(HttpClient page, string path)
    {
        fixture.Clock.SetUtcNow(fixture.Clock.GetUtcNow().AddDays(3).ToUniversalTime());
        return await page.PostAsync(path, null, TestContext.Current.CancellationToken);
    }

    private static Uri Link(string? text, string label) => new(Regex.Match(text ?? string.Empty, $"{Regex.Escape(label)}: (\\S+)").Groups[1].Value);
}
