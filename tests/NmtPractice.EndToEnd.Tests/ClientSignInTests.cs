using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// A client's sign-in to the portal by a code emailed to them, through the gateway, the notifications
/// service and the real mail server: the code signs in once; the token it gives is a client's, reaching
/// their own records and no one else's; an address no client has gets exactly the same answers (and no
/// email); a code stops working after five wrong tries, and an address can ask for only so many codes.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed partial class ClientSignInTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_signs_in_with_the_emailed_code_and_reads_their_own_appointments_details_and_messages_and_no_one_elses()
    {
        var portal = await PortalClient.NewAsync(system, "Paloma");
        var (other, _, _) = await PortalClient.KnownByEmailAsync(system, "Otto");
        using var client = system.CreateGatewayClient().WithToken(portal.Tokens.AccessToken);

        // Their own: the appointment booked for them, their details, the messages they were sent (the code among them).
        var appointments = await client.GetFromJsonAsync<JsonElement>($"api/scheduling/clients/{portal.Id}/appointments", Cancel);
        Assert.Contains(appointments.GetProperty("upcoming").EnumerateArray(), a => a.GetProperty("id").GetGuid() == portal.Appointment);
        var details = await client.GetFromJsonAsync<JsonElement>($"api/intake/clients/{portal.Id}", Cancel);
        Assert.Equal("Paloma", details.GetProperty("name").GetProperty("given").GetString());
        var messages = await client.GetFromJsonAsync<JsonElement>($"api/notifications/clients/{portal.Id}/messages", Cancel);
        Assert.Contains(messages.EnumerateArray(), m => m.GetProperty("kind").GetString() == "SignInCode" && m.GetProperty("status").GetString() == "Sent");
        Assert.DoesNotContain(await system.Mail.PlainTextAsync((await system.Mail.MessagesToAsync(portal.Email))[^1].Id), portal.Email, StringComparison.Ordinal);

        // Another client's: refused at every service, and nothing of them in the answer.
        foreach (var path in new[] { $"api/scheduling/clients/{other}/appointments", $"api/intake/clients/{other}", $"api/notifications/clients/{other}/messages" })
        {
            using var refused = await client.GetAsync(path, Cancel);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path} answered {(int)refused.StatusCode} to another client's token");
            Assert.DoesNotContain("Otto", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        // The code signed in once: the same code again is spent.
        var code = await PortalClient.NewestCodeAsync(system, portal.Email, 1);
        using var browser = PortalSignIn.Browser(system.Gateway.BaseAddress);
        var again = await PortalSignIn.RequestCodeAsync(browser, portal.Email);
        var second = await PortalClient.NewestCodeAsync(system, portal.Email, 2);
        var oldCode = await PortalSignIn.EnterCodeAsync(browser, again, code == second ? Different(code) : code);
        Assert.Equal(HttpStatusCode.Unauthorized, oldCode.Status);
        var signedIn = await PortalSignIn.EnterCodeAsync(browser, again, second);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        var replay = await PortalSignIn.EnterCodeAsync(browser, again, second);
        Assert.Equal((HttpStatusCode.Unauthorized, "That code has expired or was used up. Ask for a new one."), (replay.Status, replay.Error));
    }

    [Fact]
    public async Task Asking_for_a_code_answers_the_same_for_a_clients_address_and_an_unknown_one_and_emails_only_the_client()
    {
        var (_, known, _) = await PortalClient.KnownByEmailAsync(system, "Quinn");
        var unknown = $"nobody.{Guid.NewGuid():N}@example.org";
        using var first = PortalSignIn.Browser(system.Gateway.BaseAddress);
        using var second = PortalSignIn.Browser(system.Gateway.BaseAddress);

        var forKnown = await PortalSignIn.RequestCodeAsync(first, known);
        var forUnknown = await PortalSignIn.RequestCodeAsync(second, unknown);

        Assert.Equal(HttpStatusCode.OK, forKnown.Status);
        Assert.Equal(forKnown.Status, forUnknown.Status);
        Assert.NotNull(forKnown.RequestId);
        Assert.NotNull(forUnknown.RequestId);
        Assert.Equal(Normalised(forKnown.Html, known), Normalised(forUnknown.Html, unknown));
        await PortalClient.NewestCodeAsync(system, known, 1);
        Assert.Empty(await system.Mail.MessagesToAsync(unknown));

        // A guess for the unknown address is refused as a wrong code for the known one is.
        var guessUnknown = await PortalSignIn.EnterCodeAsync(second, forUnknown, "000000");
        var guessKnown = await PortalSignIn.EnterCodeAsync(first, forKnown, Different(await PortalClient.NewestCodeAsync(system, known, 1)));
        Assert.Equal((guessKnown.Status, guessKnown.Error), (guessUnknown.Status, guessUnknown.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, guessKnown.Status);
    }

    [Fact]
    public async Task A_code_stops_working_after_five_wrong_tries_even_when_the_sixth_is_right_and_an_address_gets_five_codes_a_quarter_hour()
    {
        var (_, email, _) = await PortalClient.KnownByEmailAsync(system, "Rhea");
        using var browser = PortalSignIn.Browser(system.Gateway.BaseAddress);
        var page = await PortalSignIn.RequestCodeAsync(browser, email);
        var code = await PortalClient.NewestCodeAsync(system, email, 1);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await PortalSignIn.EnterCodeAsync(browser, page, Different(code));
            Assert.Equal((HttpStatusCode.Unauthorized, "That code is not right. Check the email and try again."), (wrong.Status, wrong.Error));
        }

        var right = await PortalSignIn.EnterCodeAsync(browser, page, code);
        Assert.Equal((HttpStatusCode.Unauthorized, "That code has expired or was used up. Ask for a new one."), (right.Status, right.Error));
        Assert.Null(right.Location);

        // Four more codes make five in the window; the sixth request is refused, for this address alone.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PortalSignIn.RequestCodeAsync(browser, email)).Status);
        }

        var sixth = await PortalSignIn.RequestCodeAsync(browser, email);
        Assert.Equal((HttpStatusCode.TooManyRequests, "Too many codes were asked for: wait a few minutes, then try again."), (sixth.Status, sixth.Error));
        await PortalClient.NewestCodeAsync(system, email, 5);
        Assert.Equal(5, (await system.Mail.MessagesToAsync(email)).Count(m => m.Subject.StartsWith("Your sign-in code", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await PortalSignIn.RequestCodeAsync(browser, $"else.{Guid.NewGuid():N}@example.org")).Status);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@at@example.org")]
    [InlineData("spaced out@example.org")]
    [InlineData("")]
    public async Task An_address_that_is_not_an_email_is_refused_with_the_form_again_and_nothing_is_sent(string email)
    {
        using var browser = PortalSignIn.Browser(system.Gateway.BaseAddress);
        var page = await PortalSignIn.RequestCodeAsync(browser, email);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.RequestId);
        Assert.StartsWith("Enter the email address", page.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_form_refuses_a_post_without_the_anti_forgery_token()
    {
        using var browser = PortalSignIn.Browser(system.Gateway.BaseAddress);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "someone@example.org" });
        using var response = await browser.PostAsync(new Uri(PortalSignIn.EmailPath, UriKind.Relative), form, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The page with what must differ taken out: the tokens, the request id and the address typed.</summary>
    private static string Normalised(string html, string email) =>
        HiddenValue().Replace(html, "value=\"…\"").Replace(email, "{email}", StringComparison.Ordinal);

    private static string Different(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("value=\"[^\"]*\"", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HiddenValue();
}
