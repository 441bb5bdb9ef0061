using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests.Browser;

/// <summary>
/// Messages to clients in a real browser, at a desk, on a tablet and on a phone, each change read back
/// from the service that keeps it: a manager sets when reminders go and the quiet hours, and an edit
/// made on a stale copy is refused in words; the client page lists a booking's confirmation with its
/// state and records a consent to texts; consent at registration is explicit and reaches intake; a
/// client who confirms by the link in their email, and then asks to cancel too late, shows so on the
/// calendar and in the appointment's details.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class MessagesJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manager_sets_when_reminders_go_the_reload_and_the_service_show_it_and_an_edit_on_a_stale_copy_is_refused_in_words()
    {
        await E2EPractice.OfAsync(system);
        using var manager = await system.ClientForAsync("manager.backbay");
        var path = $"api/notifications/locations/{E2EPractice.BackBay}/message-rules";
        var before = await manager.GetFromJsonAsync<JsonElement>(path, Cancel);
        try
        {
            await ChangeRulesInTheBrowserAsync(manager, path);
        }
        finally
        {
            // Back Bay's rules as they were: other journeys send texts there and expect them to go at once.
            var now = await manager.GetFromJsonAsync<JsonElement>(path, Cancel);
            using var restore = new HttpRequestMessage(HttpMethod.Put, path)
            {
                Content = JsonContent.Create(new
                {
                    emailHoursBefore = before.GetProperty("emailHoursBefore").GetInt32OrNull(),
                    smsHoursBefore = before.GetProperty("smsHoursBefore").GetInt32OrNull(),
                    quietFrom = before.GetProperty("quietFrom").GetString(),
                    quietUntil = before.GetProperty("quietUntil").GetString(),
                }),
            };
            restore.Headers.TryAddWithoutValidation("If-Match", $"\"{now.GetProperty("version").GetInt64()}\"");
            using var restored = await manager.SendAsync(restore, Cancel);
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
    }

    private async Task ChangeRulesInTheBrowserAsync(HttpClient manager, string path)
    {
        foreach (var (viewport, _, _) in BrowserSession.Viewports)
        {
            var index = Journeys.Index(viewport);
            var (email, sms, quietFrom, quietUntil) = (50 + index, 20 + index, $"20:{15 * index:00}", "07:45");
            await using var browser = await Journeys.OpenAsync(system, viewport);
            var page = browser.Page;
            await browser.SignInAsync("manager.backbay", system.DemoPassword);
            await Journeys.GoToAsync(page, "Messages");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Messages", Exact = true, Level = 1 })).ToBeVisibleAsync();
            var rules = page.GetByTestId("message-rules");

            // A value outside what the service takes is named beside its field, and nothing is saved.
            if (index == 0)
            {
                await rules.GetByLabel("Email reminder: hours before").FillAsync("400");
                await SaveRulesAsync(rules);
                await Assertions.Expect(page.Locator("#rules-email ~ .field-error")).ToContainTextAsync("1 to 336 hours");
                await Assertions.Expect(page.Locator("#rules-email")).ToHaveAttributeAsync("aria-invalid", "true");
                Assert.NotEqual(400, (await manager.GetFromJsonAsync<JsonElement>(path, Cancel)).GetProperty("emailHoursBefore").GetInt32OrNull());
            }

            await rules.GetByLabel("Email reminder: hours before").FillAsync(email.ToString(CultureInfo.InvariantCulture));
            await rules.GetByLabel("Text reminder: hours before").FillAsync(sms.ToString(CultureInfo.InvariantCulture));
            await rules.GetByLabel("From").FillAsync(quietFrom);
            await rules.GetByLabel("Until").FillAsync(quietUntil);
            await SaveRulesAsync(rules);
            Assert.Equal("", string.Join(" ", await rules.Locator(".field-error").AllInnerTextsAsync()));
            await Assertions.Expect(rules.GetByTestId("rules-source")).ToContainTextAsync("Set for Back Bay.");
            await Assertions.Expect(page.GetByTestId("announcement")).ToContainTextAsync($"email reminder {email} hours before");

            // The service holds them, and a fresh page shows them.
            var held = await manager.GetFromJsonAsync<JsonElement>(path, Cancel);
            Assert.Equal((email, sms, quietFrom, quietUntil, false),
                (held.GetProperty("emailHoursBefore").GetInt32(), held.GetProperty("smsHoursBefore").GetInt32(), held.GetProperty("quietFrom").GetString(),
                    held.GetProperty("quietUntil").GetString(), held.GetProperty("chainDefault").GetBoolean()));
            await page.ReloadAsync();
            await Assertions.Expect(rules.GetByLabel("Email reminder: hours before")).ToHaveValueAsync(email.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(rules.GetByLabel("Text reminder: hours before")).ToHaveValueAsync(sms.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(rules.GetByLabel("From")).ToHaveValueAsync(quietFrom);
            await Assertions.Expect(rules.GetByLabel("Until")).ToHaveValueAsync(quietUntil);
            await browser.ScreenshotAsync($"messages-1-rules-{viewport}");
            await browser.AssertAccessibleAsync($"messages-rules-{viewport}");

            if (index == 0)
            {
                // Someone else saves while this page is open: this page's save is refused, said so, and theirs stands until a reload shows it.
                await rules.GetByLabel("Email reminder: hours before").FillAsync("60");
                using (var theirs = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(new { emailHoursBefore = 61, smsHoursBefore = sms, quietFrom, quietUntil }) })
                {
                    theirs.Headers.TryAddWithoutValidation("If-Match", $"\"{held.GetProperty("version").GetInt64()}\"");
                    using var saved = await manager.SendAsync(theirs, Cancel);
                    Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
                }

                await SaveRulesAsync(rules);
                var conflict = rules.GetByTestId("rules-conflict");
                await Assertions.Expect(conflict).ToContainTextAsync("Someone else changed these rules while you were editing");
                await Assertions.Expect(rules.GetByLabel("Email reminder: hours before")).ToHaveValueAsync("60");
                Assert.Equal(61, (await manager.GetFromJsonAsync<JsonElement>(path, Cancel)).GetProperty("emailHoursBefore").GetInt32());
                await browser.ScreenshotAsync($"messages-2-rules-conflict-{viewport}");
                await conflict.GetByRole(AriaRole.Button, new() { Name = "Reload the rules" }).ClickAsync();
                await Assertions.Expect(rules.GetByLabel("Email reminder: hours before")).ToHaveValueAsync("61");
                await Assertions.Expect(conflict).ToHaveCountAsync(0);
            }

            Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
        }
    }

    [Fact]
    public async Task A_manager_rewrites_a_message_text_for_the_clinic_previews_it_saves_it_and_goes_back_to_the_chains_text()
    {
        await E2EPractice.OfAsync(system);
        using var manager = await system.ClientForAsync("manager.backbay");
        var path = $"api/notifications/locations/{E2EPractice.BackBay}/templates";
        var templates = await manager.GetFromJsonAsync<JsonElement>(path, Cancel);
        var placeholder = templates.GetProperty("placeholders").EnumerateArray().First().GetProperty("name").GetString()!.Trim('{', '}');
        var unique = Journeys.UniqueFamilyName();
        var subject = $"Recordatorio {unique}: {{{placeholder}}}";
        var text = $"Hola. Le esperamos pronto. {unique}";

        foreach (var (viewport, _, _) in BrowserSession.Viewports)
        {
            var index = Journeys.Index(viewport);
            await using var browser = await Journeys.OpenAsync(system, viewport);
            var page = browser.Page;
            await browser.SignInAsync("manager.backbay", system.DemoPassword);
            await Journeys.GoToAsync(page, "Messages");
            var texts = page.GetByTestId("message-texts");
            await texts.GetByLabel("Message", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Reminder" });
            await texts.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Spanish (Español)" });
            await Assertions.Expect(texts.GetByTestId("template-source")).Not.ToContainTextAsync("Back Bay's own text");
            await texts.GetByLabel("Email subject").FillAsync(subject);

            if (index == 0)
            {
                // A placeholder the service does not know is named beside the field it is in.
                await texts.GetByLabel("Text message").FillAsync($"Back Bay: {{no_such_placeholder}} {unique}");
                await texts.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
                await Assertions.Expect(page.Locator("#template-sms ~ .field-error")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("#template-sms")).ToHaveAttributeAsync("aria-invalid", "true");
                await Assertions.Expect(texts.GetByTestId("template-preview")).ToHaveCountAsync(0);
            }

            await texts.GetByLabel("Text message").FillAsync($"Back Bay: {{{placeholder}}} {text}");
            await texts.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
            var preview = texts.GetByTestId("template-preview");
            await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Preview with a sample appointment" })).ToBeFocusedAsync();
            await Assertions.Expect(preview.GetByTestId("preview-subject")).ToContainTextAsync($"Recordatorio {unique}:");
            await Assertions.Expect(preview.GetByTestId("preview-subject")).Not.ToContainTextAsync("{");
            await Assertions.Expect(preview.GetByTestId("preview-sms")).ToContainTextAsync(text);
            await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Text message:" })).ToContainTextAsync("part");
            // The email is shown in a sandboxed frame: it can run nothing.
            await Assertions.Expect(preview.GetByTestId("preview-email")).ToHaveAttributeAsync("sandbox", "");
            await Assertions.Expect(page.FrameLocator("[data-testid='preview-email']").Locator("body")).Not.ToBeEmptyAsync();
            await browser.ScreenshotAsync($"messages-3-text-preview-{viewport}");
            // The preview by itself, in view (a whole-page picture can leave a sandboxed frame below the fold blank).
            await preview.ScrollIntoViewIfNeededAsync();
            await preview.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory, $"messages-4-preview-{viewport}.png") });
            await browser.AssertAccessibleAsync($"messages-text-preview-{viewport}");

            if (index == 0)
            {
                // Saved for Back Bay: the service now gives Back Bay's own text.
                await texts.GetByRole(AriaRole.Button, new() { Name = "Save for Back Bay" }).ClickAsync();
                await Assertions.Expect(texts.GetByTestId("template-source")).ToContainTextAsync("Back Bay's own text");
                var own = Template(await manager.GetFromJsonAsync<JsonElement>(path, Cancel), "reminder", "es");
                Assert.Equal(("location", subject), (own.GetProperty("source").GetString(), own.GetProperty("subject").GetString()));

                // Someone else changes it meanwhile: this page's save is refused and said so.
                using (var theirs = new HttpRequestMessage(HttpMethod.Put, $"{path}/reminder/es")
                {
                    Content = JsonContent.Create(new { subject = $"{subject} (theirs)", body = own.GetProperty("body").GetString(), sms = own.GetProperty("sms").GetString() }),
                })
                {
                    theirs.Headers.TryAddWithoutValidation("If-Match", $"\"{own.GetProperty("version").GetInt64()}\"");
                    using var saved = await manager.SendAsync(theirs, Cancel);
                    Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
                }

                await texts.GetByLabel("Email subject").FillAsync($"{subject} (mine)");
                await texts.GetByRole(AriaRole.Button, new() { Name = "Save for Back Bay" }).ClickAsync();
                await Assertions.Expect(texts.GetByTestId("text-conflict")).ToContainTextAsync("Someone else changed this text while you were editing");
                Assert.Equal($"{subject} (theirs)", Template(await manager.GetFromJsonAsync<JsonElement>(path, Cancel), "reminder", "es").GetProperty("subject").GetString());
                await texts.GetByTestId("text-conflict").GetByRole(AriaRole.Button, new() { Name = "Reload the text" }).ClickAsync();
                await Assertions.Expect(texts.GetByLabel("Email subject")).ToHaveValueAsync($"{subject} (theirs)");

                // Back to the chain's text.
                await texts.GetByRole(AriaRole.Button, new() { Name = "Use the chain's text" }).ClickAsync();
                await Assertions.Expect(texts.GetByTestId("template-source")).Not.ToContainTextAsync("Back Bay's own text");
                await Assertions.Expect(texts.GetByRole(AriaRole.Button, new() { Name = "Use the chain's text" })).ToHaveCountAsync(0);
                Assert.NotEqual("location", Template(await manager.GetFromJsonAsync<JsonElement>(path, Cancel), "reminder", "es").GetProperty("source").GetString());
            }

            Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
        }
    }

    [Fact]
    public async Task The_client_page_lists_a_bookings_confirmation_with_its_state_and_the_desk_records_a_consent_to_texts_that_intake_keeps()
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var email = $"maren.{family.ToLowerInvariant()}@example.org";
        var client = await PracticeBuilder.RegisterClientAsync(
            desk,
            new RegisterClient(null, E2EPractice.BackBay, new ClientName("Maren", family), new DateOnly(1986, 4, 2), new ClientContact(email, Phone()), Messages: new MessagePreferences(true, false)),
            new AnswerIntake(E2EPractice.ClearAnswers),
            GiveConsent.ToTreatment($"Maren {family}", DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancel);
        var startsAt = practice.NextStart();
        await practice.BookAtAsync(E2EPractice.BackBay, startsAt, desk, client);
        await Eventually.UntilAsync("the booking's confirmation email is sent", async () =>
            (await MessagesAsync(desk, client)).Any(m => m.GetProperty("kind").GetString() == "Confirmation" && m.GetProperty("status").GetString() == "Sent"), TimeSpan.FromSeconds(60));

        foreach (var (viewport, _, _) in BrowserSession.Viewports)
        {
            await using var browser = await Journeys.OpenAsync(system, viewport);
            var page = browser.Page;
            await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
            await page.GotoAsync(new Uri(browser.Gateway, $"app/clients/{client}").ToString());
            var messages = page.GetByTestId("client-messages");
            var confirmation = messages.Locator("[data-testid='client-message'][data-kind='Confirmation'][data-channel='Email']");
            await Assertions.Expect(confirmation.GetByTestId("message-status")).ToHaveTextAsync("→ Sent");
            await Assertions.Expect(confirmation).ToContainTextAsync($"for {startsAt.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)}");
            await Assertions.Expect(messages.GetByTestId("consent-email")).ToContainTextAsync("Yes, recorded");
            await Assertions.Expect(messages.GetByTestId("consent-email")).ToContainTextAsync("(said in person)");
            await Assertions.Expect(messages.GetByTestId("consent-sms")).ToHaveTextAsync(new Regex("^No"));
            await messages.ScrollIntoViewIfNeededAsync();
            await browser.ScreenshotAsync($"client-messages-1-{viewport}");
            await browser.AssertAccessibleAsync($"client-messages-{viewport}");

            if (viewport == "desktop")
            {
                // Someone else records the client's answer while this form is open: this one is refused, said so, and the record shows theirs.
                await messages.GetByRole(AriaRole.Button, new() { Name = "Change what the client agreed to" }).ClickAsync();
                var version = (await desk.GetFromJsonAsync<JsonElement>($"api/intake/clients/{client}", Cancel)).GetProperty("version").GetInt64();
                using (var theirs = new HttpRequestMessage(HttpMethod.Put, $"api/intake/clients/{client}/message-preferences")
                {
                    Content = JsonContent.Create(new { email = true, sms = false, language = "es", how = "phone" }),
                })
                {
                    theirs.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
                    using var saved = await desk.SendAsync(theirs, Cancel);
                    Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
                }

                await messages.GetByRole(AriaRole.Button, new() { Name = "Save what the client agreed to" }).ClickAsync();
                await Assertions.Expect(messages.GetByTestId("consent-conflict")).ToContainTextAsync("Someone else changed this client's record");
                await Assertions.Expect(messages.GetByTestId("message-consent")).ToContainTextAsync("Spanish");
                await messages.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
            }

            if (viewport == "phone")
            {
                // The client agrees on the phone to texts as well: ticked, said how, saved; intake keeps it with how and when.
                await messages.GetByRole(AriaRole.Button, new() { Name = "Change what the client agreed to" }).ClickAsync();
                var form = messages.GetByTestId("consent-edit");
                await Assertions.Expect(form.GetByRole(AriaRole.Checkbox, new() { Name = "The client agrees to text messages" })).Not.ToBeCheckedAsync();
                await form.GetByRole(AriaRole.Checkbox, new() { Name = "The client agrees to text messages" }).CheckAsync();
                await form.GetByLabel("How the client said so").SelectOptionAsync(new SelectOptionValue { Label = "On the phone" });
                await browser.ScreenshotAsync($"client-messages-2-consent-form-{viewport}");
                await browser.AssertAccessibleAsync($"client-messages-consent-form-{viewport}");
                await form.GetByRole(AriaRole.Button, new() { Name = "Save what the client agreed to" }).ClickAsync();
                await Assertions.Expect(messages.GetByTestId("consent-sms")).ToContainTextAsync("Yes, recorded");
                await Assertions.Expect(messages.GetByTestId("consent-sms")).ToContainTextAsync("(said on the phone)");
                var record = await desk.GetFromJsonAsync<JsonElement>($"api/intake/clients/{client}", Cancel);
                Assert.True(record.GetProperty("messages").GetProperty("sms").GetBoolean());
                Assert.True(record.GetProperty("messages").GetProperty("email").GetBoolean());
                Assert.Equal("phone", record.GetProperty("messageConsents").GetProperty("sms").GetProperty("how").GetString());
                Assert.True(record.GetProperty("messageConsents").GetProperty("sms").GetProperty("agreed").GetBoolean());
            }

            Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
        }
    }

    [Fact]
    public async Task Consent_to_messages_at_registration_starts_unticked_needs_an_address_and_what_is_ticked_is_recorded_in_intake()
    {
        await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        foreach (var (viewport, _, _) in BrowserSession.Viewports)
        {
            var family = Journeys.UniqueFamilyName();
            await using var browser = await Journeys.OpenAsync(system, viewport);
            var page = browser.Page;
            await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
            await Journeys.GoToAsync(page, "New client");
            var consent = page.GetByTestId("registration-consent");
            var emails = consent.GetByRole(AriaRole.Checkbox, new() { Name = "The client agrees to emails about their appointments" });
            var texts = consent.GetByRole(AriaRole.Checkbox, new() { Name = "The client agrees to text messages" });
            await Assertions.Expect(emails).Not.ToBeCheckedAsync();
            await Assertions.Expect(texts).Not.ToBeCheckedAsync();

            await page.GetByLabel("Given name").FillAsync("Solveig");
            await page.GetByLabel("Family name").FillAsync(family);
            await page.GetByLabel("Date of birth").FillAsync("1991-11-23");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync($"solveig.{family.ToLowerInvariant()}@example.org");

            // By keyboard: Tab from the phone number reaches the first box, and Space ticks and unticks it.
            await page.GetByLabel("Phone", new() { Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(emails).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(emails).ToBeCheckedAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(emails).Not.ToBeCheckedAsync();

            // Texts ticked with no phone number: said beside the box, and nobody is registered.
            await texts.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Register at Back Bay" }).ClickAsync();
            await Assertions.Expect(page.Locator("#messages-sms-error .field-error")).ToHaveTextAsync("Enter the phone number above, or untick text messages.");
            await page.GetByLabel("Phone", new() { Exact = true }).FillAsync(Phone());
            await consent.GetByLabel("Language of the messages").SelectOptionAsync(new SelectOptionValue { Label = "Spanish (Español)" });
            await consent.GetByLabel("How the client said so").SelectOptionAsync(new SelectOptionValue { Label = "On a signed form" });
            await consent.ScrollIntoViewIfNeededAsync();
            await browser.ScreenshotAsync($"registration-consent-{viewport}");
            await browser.AssertAccessibleAsync($"registration-consent-{viewport}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Register at Back Bay" }).ClickAsync();
            await Assertions.Expect(page.GetByText($"Solveig {family} is registered")).ToBeVisibleAsync();

            // Intake recorded texts only (the email box was never ticked), in Spanish, on a signed form.
            var found = await desk.GetFromJsonAsync<JsonElement>($"api/intake/clients?locationId={E2EPractice.BackBay}&name={family}", Cancel);
            var id = Assert.Single(found.EnumerateArray()).GetProperty("id").GetGuid();
            var record = await desk.GetFromJsonAsync<JsonElement>($"api/intake/clients/{id}", Cancel);
            var preferences = record.GetProperty("messages");
            Assert.Equal((false, true, "es"), (preferences.GetProperty("email").GetBoolean(), preferences.GetProperty("sms").GetBoolean(), preferences.GetProperty("language").GetString()));
            Assert.Equal("written", record.GetProperty("messageConsents").GetProperty("sms").GetProperty("how").GetString());
            Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
        }
    }

    [Fact]
    public async Task A_client_who_confirms_by_the_link_in_their_email_and_then_asks_too_late_to_cancel_shows_both_on_the_calendar_and_in_the_details()
    {
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var family = Journeys.UniqueFamilyName();
        var email = $"linnea.{family.ToLowerInvariant()}@example.org";
        var client = await PracticeBuilder.RegisterClientAsync(
            desk,
            new RegisterClient(null, E2EPractice.BackBay, new ClientName("Linnea", family), new DateOnly(1975, 9, 30), new ClientContact(email), Messages: new MessagePreferences(true, false)),
            new AnswerIntake(E2EPractice.ClearAnswers),
            GiveConsent.ToTreatment($"Linnea {family}", DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancel);
        // Later today, so that a cancellation by the client is inside the notice and is refused.
        var startsAt = await practice.FreeStartTodayAsync(E2EPractice.BackBay, desk, TimeSpan.FromMinutes(45), serviceCode: "NMT-30");
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, startsAt, desk, client, serviceCode: "NMT-30");

        // The client opens the confirmation email's links, as from their mail program, and answers on the pages they open.
        var mail = await Eventually.ValueAsync("the confirmation email arrives", () => system.Mail.MessagesToAsync(email), received => received.Count >= 1, TimeSpan.FromSeconds(60));
        var body = await system.Mail.PlainTextAsync(mail[0].Id);
        await using (var phone = await BrowserSession.OpenAsync(system, 390, 844))
        {
            await phone.Page.GotoAsync(Link(body, "Confirm you will come"));
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Yes, I will come" }).ClickAsync();
            await Eventually.UntilAsync("scheduling records that the client confirmed", async () => (await desk.AppointmentAsync(appointment)).ConfirmedByClientAt is not null, TimeSpan.FromSeconds(60));
            await phone.Page.GotoAsync(Link(body, "Cancel the appointment"));
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel the appointment" }).ClickAsync();
            var asked = await Eventually.ValueAsync("scheduling records the client's late request to cancel", () => desk.AppointmentAsync(appointment),
                booked => booked.ClientAskedToCancelAt is not null, TimeSpan.FromSeconds(60));
            Assert.Equal("Booked", asked.Status);
        }

        foreach (var (viewport, _, _) in BrowserSession.Viewports)
        {
            await using var browser = await Journeys.OpenAsync(system, viewport);
            var page = browser.Page;
            await browser.SignInAsync("frontdesk.backbay", system.DemoPassword);
            await Journeys.GoToAsync(page, "Calendar");
            var card = page.Locator($"[data-testid='appointment'][data-appointment='{appointment}']");
            await Assertions.Expect(card.GetByTestId("confirmed-by-client")).ToContainTextAsync("Confirmed by client");
            await Assertions.Expect(card.GetByTestId("asked-to-cancel")).ToContainTextAsync("Client asked to cancel");
            // Said in words, in the card's accessible name, not by a colour or a mark alone.
            await Assertions.Expect(card.GetByRole(AriaRole.Button)).ToHaveAccessibleNameAsync(new Regex("Linnea .*Confirmed by client.*Client asked to cancel"));
            await card.ScrollIntoViewIfNeededAsync();
            await browser.ScreenshotAsync($"calendar-confirmed-1-{viewport}");
            await browser.AssertAccessibleAsync($"calendar-confirmed-{viewport}");

            // By keyboard: the card opens its details with Enter, and Escape closes them.
            await card.GetByRole(AriaRole.Button).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var details = page.GetByTestId("appointment-dialog");
            await Assertions.Expect(details.GetByTestId("panel-confirmed")).ToContainTextAsync("Confirmed by the client on");
            await Assertions.Expect(details.GetByTestId("panel-asked-to-cancel")).ToContainTextAsync("Call the client");
            await browser.ScreenshotAsync($"calendar-confirmed-2-details-{viewport}");
            await browser.AssertAccessibleAsync($"calendar-confirmed-details-{viewport}");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(details).ToBeHiddenAsync();
            Assert.True(browser.Errors.Count == 0, string.Join(Environment.NewLine, browser.Errors));
        }

        // The client page tells the same story from the message's side: the confirmation was answered.
        await using var front = await BrowserSession.OpenAsync(system);
        await front.SignInAsync("frontdesk.backbay", system.DemoPassword);
        await front.Page.GotoAsync(new Uri(front.Gateway, $"app/clients/{client}").ToString());
        var confirmation = front.Page.Locator("[data-testid='client-message'][data-kind='Confirmation'][data-channel='Email']");
        await Assertions.Expect(confirmation.GetByTestId("message-status")).ToHaveTextAsync("↩ Answered");

        // The desk calls; Linnea keeps the appointment: the request is settled and leaves the calendar.
        await Journeys.GoToAsync(front.Page, "Calendar");
        var linnea = front.Page.Locator($"[data-testid='appointment'][data-appointment='{appointment}']");
        await linnea.GetByRole(AriaRole.Button).ClickAsync();
        var panel = front.Page.GetByTestId("appointment-dialog");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Called: they keep it" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "They keep it" }).ClickAsync();
        await Assertions.Expect(front.Page.GetByTestId("calendar-result")).ToContainTextAsync("the cancel request is settled");
        await Assertions.Expect(linnea.GetByTestId("asked-to-cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(linnea.GetByTestId("confirmed-by-client")).ToContainTextAsync("Confirmed by client");
        var kept = await desk.AppointmentAsync(appointment);
        Assert.Equal(("Booked", (DateTimeOffset?)null), (kept.Status, kept.ClientAskedToCancelAt));
        Assert.True(front.Errors.Count == 0, string.Join(Environment.NewLine, front.Errors));
    }

    /// <summary>
    /// Saves the rules and waits until the service has answered (the page counts its answers): a change
    /// moves every upcoming reminder of the clinic, and the end-to-end clinic has many appointments ahead.
    /// </summary>
    private static async Task SaveRulesAsync(ILocator rules)
    {
        var answered = int.Parse(await rules.GetAttributeAsync("data-answers") ?? "0", CultureInfo.InvariantCulture);
        await rules.GetByRole(AriaRole.Button, new() { Name = "Save reminders and quiet hours" }).ClickAsync();
        await Assertions.Expect(rules).ToHaveAttributeAsync("data-answers", (answered + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
    }

    /// <summary>A North American number no other test uses, as the desk types it.</summary>
    private static string Phone() => $"+1 617 555 {Random.Shared.Next(1000, 9999)}";

    private static async Task<List<JsonElement>> MessagesAsync(HttpClient desk, Guid client) =>
        await desk.GetFromJsonAsync<List<JsonElement>>($"api/notifications/clients/{client}/messages", Cancel) ?? [];

    /// <summary>The address after "<paramref name="label"/>: " in an email's text.</summary>
    private static string Link(string body, string label) =>
        body.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith(label + ": ", StringComparison.Ordinal))?[(label.Length + 2)..]
        ?? throw new InvalidOperationException($"No \"{label}\" link in the email:{Environment.NewLine}{body}");

    private static JsonElement Template(JsonElement templates, string kind, string language) =>
        templates.GetProperty("templates").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == kind && t.GetProperty("language").GetString() == language);
}

/// <summary>Reading a number that may be null.</summary>
internal static class JsonNumbers
{
    public static int? GetInt32OrNull(this JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetInt32() : null;
}
