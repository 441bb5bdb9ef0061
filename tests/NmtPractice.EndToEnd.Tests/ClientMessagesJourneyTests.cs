using System.Net.Http.Json;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// The whole path of a client's messages through the running processes: the desk registers a client
/// who agrees to texts and books them; the confirmation text reaches the phone through the real SMS
/// gateway; the client's "C" makes scheduling mark the appointment confirmed by the client, and "X"
/// cancels another one (outside the late window), each answered with a text that says so.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class ClientMessagesJourneyTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_confirms_one_appointment_and_cancels_another_by_text()
    {
        var practice = await E2EPractice.OfAsync(system);
        var location = E2EPractice.BackBay;
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var phone = $"+1 617 {Random.Shared.Next(200, 999)} {Random.Shared.Next(1000, 9999)}";
        var client = await PracticeBuilder.RegisterClientAsync(
            desk,
            new RegisterClient(null, location, new ClientName("Tess", "Texter"), new DateOnly(1984, 2, 9), new ClientContact(null, phone), Messages: new MessagePreferences(false, true)),
            new AnswerIntake(E2EPractice.ClearAnswers),
            GiveConsent.ToTreatment("Tess Texter", DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancel);
        var sent = Kannel(phone);

        var first = await practice.BookAtAsync(location, practice.NextStart(), desk, client);
        await Eventually.UntilAsync("the confirmation text reaches the phone", () => Task.FromResult(system.Sms.To(sent).Count >= 1), TimeSpan.FromSeconds(60));
        await system.Sms.ReplyAsync(sent, "C");
        var confirmed = await Eventually.ValueAsync("scheduling marks it confirmed by the client", () => desk.ReadAsync<AppointmentView>($"api/scheduling/appointments/{first}"),
            appointment => appointment.ConfirmedByClientAt is not null, TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync("the reply says it is confirmed", () => Task.FromResult(system.Sms.To(sent).Any(text => text.Text.EndsWith("is confirmed.", StringComparison.Ordinal))), TimeSpan.FromSeconds(60));
        Assert.Equal("Booked", confirmed.Status);

        // The second appointment is the soonest one still unconfirmed only once the first is gone: cancel the first by text, then book again.
        await system.Sms.ReplyAsync(sent, "X");
        var cancelled = await Eventually.ValueAsync("scheduling cancels it as the client asked", () => desk.ReadAsync<AppointmentView>($"api/scheduling/appointments/{first}"),
            appointment => appointment.Status == "Cancelled", TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync("the reply says it is cancelled", () => Task.FromResult(system.Sms.To(sent).Any(text => text.Text.EndsWith("is cancelled.", StringComparison.Ordinal))), TimeSpan.FromSeconds(60));
        Assert.False(cancelled.LateCancellation);
        using var messages = await desk.GetAsync($"api/notifications/clients/{client}/messages", Cancel);
        var listed = await messages.Content.ReadFromJsonAsync<List<System.Text.Json.JsonElement>>(Cancel);
        Assert.Contains(listed!, m => m.GetProperty("kind").GetString() == "Confirmation" && m.GetProperty("status").GetString() == "Answered");
    }

    /// <summary>The number as Kannel passes it on: the digits with the leading +.</summary>
    private static string Kannel(string phone) => "+" + new string([.. phone.Where(char.IsAsciiDigit)]);
}
