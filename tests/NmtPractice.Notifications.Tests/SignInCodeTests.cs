using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Intake;
using NmtPractice.Notifications.Recipients;
using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rule: when the identity server asks (with its key), a client's sign-in code is emailed once to the
/// address on their record, whatever their message preferences, and the answer names every record
/// with that address (case ignored); an address no one has gets no email and no records; a code that
/// could not go before it expires never goes; without the key nothing happens.
/// </summary>
public sealed class SignInCodeTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PracticeMessages _practice = new(fixture);

    [Fact]
    public async Task A_code_goes_once_to_the_address_on_the_record_even_without_consent_to_emails_and_the_answer_names_each_record_with_it()
    {
        await _practice.KnownAsync();
        var email = $"family.{Guid.NewGuid():N}@example.org";
        var parent = await ClientWithAsync(email, emailAllowed: false);
        var child = await ClientWithAsync(email.ToUpperInvariant(), emailAllowed: true);
        var request = Guid.CreateVersion7();

        using var first = await AskAsync(request, $"  {email.ToUpperInvariant()} ", "204931");
        using var again = await AskAsync(request, email, "204931");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(new[] { parent, child }.Order(), answer.GetProperty("clientIds").EnumerateArray().Select(id => id.GetGuid()).Order());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var mail = await _practice.MailAsync(email, 1);
        Assert.Contains("204931", mail[0].TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Your sign-in code: Back Bay", mail[0].Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("http", mail[0].TextBody, StringComparison.OrdinalIgnoreCase);
        var sent = await Eventually.ValueAsync("the code email is recorded as sent", async () => (await _practice.MessagesAsync(parent)).SingleOrDefault(m => PracticeMessages.Kind(m) == "SignInCode"),
            m => m.ValueKind == JsonValueKind.Object && PracticeMessages.Status(m) == "Sent");
        Assert.DoesNotContain("204931", sent.GetRawText(), StringComparison.Ordinal);

        // The same request asked again (the identity server retrying) planned nothing more: one message, one email.
        Assert.Single(await _practice.MessagesAsync(parent), m => PracticeMessages.Kind(m) == "SignInCode");
        Assert.Empty(await _practice.MessagesAsync(child));
        Assert.Single(await fixture.Mail.MessagesToAsync(email));
    }

    [Fact]
    public async Task An_address_no_client_has_gets_no_email_and_names_no_record()
    {
        var email = $"stranger.{Guid.NewGuid():N}@example.org";

        using var response = await AskAsync(Guid.CreateVersion7(), email, "111222");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("clientIds").EnumerateArray());
        Assert.Empty(await fixture.Mail.MessagesToAsync(email));
    }

    [Fact]
    public async Task A_code_the_mail_server_could_not_take_before_it_expired_is_withdrawn_and_never_sent()
    {
        await _practice.KnownAsync();
        var email = $"late.{Guid.NewGuid():N}@example.org";
        var client = await ClientWithAsync(email, emailAllowed: true);
        await fixture.Mail.StopAsync();
        try
        {
            using var response = await AskAsync(Guid.CreateVersion7(), email, "333444", expiresIn: TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Eventually.ValueAsync("the first try fails and waits", async () => (await _practice.MessagesAsync(client)).SingleOrDefault(m => PracticeMessages.Kind(m) == "SignInCode"),
                m => m.ValueKind == JsonValueKind.Object && m.GetProperty("attempts").GetInt32() == 1 && PracticeMessages.Status(m) == "Planned");

            fixture.Clock.Advance(TimeSpan.FromMinutes(2));
            var withdrawn = await Eventually.ValueAsync("the code is withdrawn once it has expired", async () => (await _practice.MessagesAsync(client)).Single(m => PracticeMessages.Kind(m) == "SignInCode"),
                m => PracticeMessages.Status(m) == "Withdrawn");
            Assert.Equal("Too late: the code has expired.", withdrawn.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString());
        }
        finally
        {
            await fixture.Mail.StartAgainAsync();
        }

        Assert.Empty(await fixture.Mail.MessagesToAsync(email));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-of-good-length")]
    public async Task Without_the_identity_servers_key_nothing_is_found_or_sent(string? key)
    {
        await _practice.KnownAsync();
        var email = $"keyless.{Guid.NewGuid():N}@example.org";
        await ClientWithAsync(email, emailAllowed: true);

        using var response = await AskAsync(Guid.CreateVersion7(), email, "555666", key: key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("clientIds", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Empty(await fixture.Mail.MessagesToAsync(email));
    }

    [Theory]
    [InlineData("", "123456", "email")]
    [InlineData("a@example.org", "12345", "code")]
    [InlineData("a@example.org", "12345a", "code")]
    public async Task A_request_missing_what_it_needs_is_a_problem_naming_it(string email, string code, string field)
    {
        using var response = await AskAsync(Guid.CreateVersion7(), email, code);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    private async Task<Guid> ClientWithAsync(string email, bool emailAllowed)
    {
        var id = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(new ClientContactChanged(id, _practice.Location, email, null, emailAllowed, false, "en", "in-person", fixture.Clock.GetUtcNow()), Guid.CreateVersion7());
        await Eventually.UntilAsync("the client's contact is known", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<Recipient>(id) is not null;
        });
        return id;
    }

    private async Task<HttpResponseMessage> AskAsync(Guid request, string email, string code, TimeSpan? expiresIn = null, string? key = NotificationsFixture.UseTheKey)
    {
        using var http = fixture.Host.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/internal/sign-in-codes")
        {
            Content = JsonContent.Create(new { requestId = request, email, code, expiresAt = fixture.Clock.GetUtcNow() + (expiresIn ?? TimeSpan.FromMinutes(10)) }),
        };
        if (key is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Sign-In-Key", key == NotificationsFixture.UseTheKey ? fixture.SignInCodeKey : key);
        }

        return await http.SendAsync(message, Cancel);
    }
}
