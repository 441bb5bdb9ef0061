using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Notifications.Tests;

/// <summary>
/// Rules: each kind of message has a text per language; the built-in one applies until the chain's
/// operations write the chain's own, and a location's clinic manager may write the location's own,
/// which its messages then use (and may put back, to use the chain's again). A text may use only the
/// placeholders of its kind; bad input names each wrong field and writes nothing. The first write
/// needs no version, every later one the version read. A preview writes the text out with a sample
/// appointment on the location's clock, as the email and the text message a client would get.
/// </summary>
public sealed class TemplateTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly PracticeMessages _practice = new(fixture);

    private string LocationPath => $"/api/notifications/locations/{_practice.Location}/templates";

    [Fact]
    public async Task A_locations_own_text_wins_over_the_chains_which_wins_over_the_built_in_one_and_messages_use_it()
    {
        await _practice.KnownAsync();
        using var operations = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _practice.Location);
        var before = await manager.GetFromJsonAsync<JsonElement>(LocationPath, TestContext.Current.CancellationToken);
        Assert.Equal(12, before.GetProperty("templates").GetArrayLength());
        Assert.All(before.GetProperty("templates").EnumerateArray(), t => Assert.Equal(("built-in", 0), (t.GetProperty("source").GetString(), t.GetProperty("version").GetInt64())));

        using var chain = await operations.PutAsJsonAsync(
            "/api/notifications/templates/confirmation/en",
            new { subject = "Chain: booked {when}", body = "See you at {location} on {when}.\n{policy}", sms = "{location}: booked {when}. Reply C to confirm." },
            TestContext.Current.CancellationToken);
        using var own = await manager.PutAsJsonAsync(
            $"{LocationPath}/confirmation/en",
            new { subject = "Back Bay: booked {when}", body = "Hello from {location}!\nYou see {therapist} on {when} for {minutes} minutes.\n{policy}", sms = "{location}: booked {when} with {therapist}." },
            TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.OK, "\"1\""), (chain.StatusCode, chain.Headers.ETag?.Tag));
        Assert.Equal((HttpStatusCode.OK, "\"1\""), (own.StatusCode, own.Headers.ETag?.Tag));

        var (client, email, _) = await _practice.ClientAsync("Iris", sms: false);
        await _practice.BookAsync(client, fixture.Clock.GetUtcNow().AddDays(3));
        var mail = (await _practice.MailAsync(email, 1))[0];
        Assert.StartsWith("Back Bay: booked ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("You see Maya Chen on", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("for 60 minutes", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Confirm you will come: https://clinic.example/", mail.TextBody, StringComparison.Ordinal);

        var after = Texts(await manager.GetFromJsonAsync<JsonElement>(LocationPath, TestContext.Current.CancellationToken));
        Assert.Equal("location", after[("confirmation", "en")].GetProperty("source").GetString());
        Assert.Equal("built-in", after[("confirmation", "es")].GetProperty("source").GetString());
        var chainTexts = Texts(await manager.GetFromJsonAsync<JsonElement>("/api/notifications/templates", TestContext.Current.CancellationToken));
        Assert.Equal(("chain", "Chain: booked {when}"), (chainTexts[("confirmation", "en")].GetProperty("source").GetString(), chainTexts[("confirmation", "en")].GetProperty("subject").GetString()));

        using var reset = await Send(manager, HttpMethod.Delete, $"{LocationPath}/confirmation/en", "\"1\"");
        var now = await reset.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(("chain", "Chain: booked {when}", 2L), (now.GetProperty("source").GetString(), now.GetProperty("subject").GetString(), now.GetProperty("version").GetInt64()));

        var (next, nextEmail, _) = await _practice.ClientAsync("Jon", sms: false);
        await _practice.BookAsync(next, fixture.Clock.GetUtcNow().AddDays(4));
        Assert.StartsWith("Chain: booked ", (await _practice.MailAsync(nextEmail, 1))[0].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_locations_manager_writes_its_texts_only_operations_the_chains_and_every_later_write_names_the_version()
    {
        await _practice.KnownAsync();
        var text = new { subject = "Reminder: {when}", body = "Until {when} at {location}.", sms = "{location}: see you {when}." };
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _practice.Location);
        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        using var desk = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, _practice.Location);

        using var chainByManager = await manager.PutAsJsonAsync("/api/notifications/templates/reminder/es", text, TestContext.Current.CancellationToken);
        using var byDesk = await desk.PutAsJsonAsync($"{LocationPath}/reminder/es", text, TestContext.Current.CancellationToken);
        using var byOther = await otherManager.PutAsJsonAsync($"{LocationPath}/reminder/es", text, TestContext.Current.CancellationToken);
        using var first = await manager.PutAsJsonAsync($"{LocationPath}/reminder/es", text, TestContext.Current.CancellationToken);
        using var unversioned = await manager.PutAsJsonAsync($"{LocationPath}/reminder/es", text, TestContext.Current.CancellationToken);
        using var second = await Send(manager, HttpMethod.Put, $"{LocationPath}/reminder/es", "\"1\"", text with { subject = "Recordatorio: {when}" });
        using var stale = await Send(manager, HttpMethod.Put, $"{LocationPath}/reminder/es", "\"1\"", text);
        using var unknownLocation = await fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin).PutAsJsonAsync(
            $"/api/notifications/locations/{Guid.CreateVersion7()}/templates/reminder/es", text, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, chainByManager.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byDesk.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)428, unversioned.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "\"2\""), (second.StatusCode, second.Headers.ETag?.Tag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownLocation.StatusCode);
        var now = Texts(await manager.GetFromJsonAsync<JsonElement>(LocationPath, TestContext.Current.CancellationToken))[("reminder", "es")];
        Assert.Equal(("Recordatorio: {when}", 2L), (now.GetProperty("subject").GetString(), now.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task A_text_with_a_placeholder_its_kind_lacks_or_a_missing_part_is_refused_naming_each_field_and_nothing_is_written()
    {
        await _practice.KnownAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _practice.Location);

        using var refused = await manager.PutAsJsonAsync(
            $"{LocationPath}/reminder/en", new { subject = "Hi {name}", body = "Held until {holds}.", sms = "  " }, TestContext.Current.CancellationToken);
        using var badAddress = await manager.PutAsJsonAsync(
            $"{LocationPath}/birthday/fr", new { subject = "x", body = "y", sms = "z" }, TestContext.Current.CancellationToken);
        using var loneBrace = await manager.PutAsJsonAsync(
            $"{LocationPath}/reminder/en", new { subject = "See you {when", body = "ok", sms = "ok" }, TestContext.Current.CancellationToken);

        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["body", "sms", "subject"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("{name}", problem.GetProperty("errors").GetProperty("subject")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("{holds}", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        var address = await badAddress.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(["kind", "language"], address.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, loneBrace.StatusCode);
        var now = Texts(await manager.GetFromJsonAsync<JsonElement>(LocationPath, TestContext.Current.CancellationToken))[("reminder", "en")];
        Assert.Equal(("built-in", 0L), (now.GetProperty("source").GetString(), now.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task A_preview_writes_the_text_out_with_a_sample_appointment_on_the_locations_clock_and_escapes_what_staff_typed()
    {
        await _practice.KnownAsync();
        using var manager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, _practice.Location);

        using var preview = await manager.PostAsJsonAsync(
            "/api/notifications/templates/preview",
            new
            {
                kind = "reminder", language = "es", locationId = _practice.Location,
                subject = "Recordatorio: {when} en {location}", body = "<b>Hola</b> de {location}, {address}.\n{policy}", sms = "{location}: su cita {when} con {therapist}. Responda C.",
            },
            TestContext.Current.CancellationToken);
        using var wrong = await manager.PostAsJsonAsync(
            "/api/notifications/templates/preview", new { kind = "reminder", language = "en", subject = "{holds}", body = "x", sms = "y" }, TestContext.Current.CancellationToken);

        var shown = await preview.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        // In two days at 10:00 on Boston's clock, in Spanish.
        Assert.Equal("Recordatorio: viernes 12 de marzo, 10:00 en Back Bay", shown.GetProperty("subject").GetString());
        Assert.Contains("&lt;b&gt;Hola&lt;/b&gt; de Back Bay, 12 Newbury St", shown.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("Cancelar la cita: https://clinic.example/api/notifications/links/", shown.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Back Bay: su cita viernes 12 de marzo, 10:00 con Sam Rivera. Responda C.", shown.GetProperty("sms").GetString());
        Assert.Equal(1, shown.GetProperty("smsParts").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("subject", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static Dictionary<(string Kind, string Language), JsonElement> Texts(JsonElement answer) =>
        answer.GetProperty("templates").EnumerateArray().ToDictionary(t => (t.GetProperty("kind").GetString()!, t.GetProperty("language").GetString()!));

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string version, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(version));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
