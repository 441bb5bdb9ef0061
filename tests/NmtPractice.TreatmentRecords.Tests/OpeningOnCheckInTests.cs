using Marten;
using Microsoft.Extensions.DependencyInjection;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.Testing;
using NmtPractice.TreatmentRecords.Screening;
using NmtPractice.TreatmentRecords.SessionNotes;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>Scheduling's check-in, over the real RabbitMQ, opens the session's note when the client's screening allows it.</summary>
public sealed class OpeningOnCheckInTests(TreatmentRecordsFixture fixture) : IClassFixture<TreatmentRecordsFixture>
{
    private readonly Guid _location = Guid.CreateVersion7();
    private readonly Guid _therapist = Guid.CreateVersion7();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A check-in late in the evening in Boston: the local day is a day before the UTC day.</summary>
    private AppointmentCheckedIn CheckIn(Guid client)
    {
        var day = DateTime.UtcNow.Date.AddDays(10);
        var starts = new DateTimeOffset(day.Year, day.Month, day.Day, 21, 0, 0, TimeSpan.FromHours(-5));
        return new AppointmentCheckedIn(Guid.CreateVersion7(), client, _location, _therapist, "NMT-60", starts, starts.AddHours(1), DateTimeOffset.UtcNow);
    }

    private static Task<SessionNote> NoteOpenedAsync(ServiceHost<Program> host, Guid id) =>
        Eventually.ValueAsync("the note to be opened", () => host.LoadAsync<SessionNote>(id), note => note is not null)!;

    private static async Task<IReadOnlyList<InboxRecord>> InboxAsync(ServiceHost<Program> host, Guid messageId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        // The check-in also reaches the appointment roster (its own endpoint); these tests follow the note-opening consumer.
        var records = await session.Query<InboxRecord>().Where(record => record.MessageId == messageId).ToListAsync(Cancel);
        return [.. records.Where(record => record.Endpoint.Contains("open-on-check-in", StringComparison.Ordinal))];
    }

    [Fact]
    public async Task A_check_in_opens_the_note_of_the_appointment_on_the_clinic_s_day()
    {
        var client = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.ClearedWithPrecautions, avoid: ["low-back"]);
        var checkIn = CheckIn(client);

        await fixture.Bus.PublishAsync(checkIn, Guid.CreateVersion7());

        var note = await NoteOpenedAsync(fixture.Host, checkIn.AppointmentId);
        Assert.Equal((checkIn.AppointmentId, client, _location, (Guid?)_therapist), (note.AppointmentId!.Value, note.ClientId, note.LocationId, note.TherapistId));
        Assert.Equal(DateOnly.FromDateTime(checkIn.StartsAt.DateTime), note.SessionDate);
        Assert.NotEqual(DateOnly.FromDateTime(checkIn.StartsAt.UtcDateTime), note.SessionDate);
        Assert.Equal(SessionNoteDecisions.CheckInSource, note.Source);
        Assert.Equal(["low-back"], note.Screening.RegionsToAvoid);

        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        using var response = await therapist.PutSectionAsync(checkIn.AppointmentId, "subjective", SessionNoteExamples.SubjectiveBody(), "\"1\"");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_redelivered_or_repeated_check_in_opens_one_note()
    {
        var client = await fixture.ScreenedClientAsync(_location);
        var checkIn = CheckIn(client);
        var messageId = Guid.CreateVersion7();

        await fixture.Bus.PublishAsync(checkIn, messageId);
        await NoteOpenedAsync(fixture.Host, checkIn.AppointmentId);
        await fixture.Bus.PublishAsync(checkIn, messageId);
        var repeatId = Guid.CreateVersion7();
        await fixture.Bus.PublishAsync(checkIn with { OccurredAt = DateTimeOffset.UtcNow }, repeatId);

        await Eventually.UntilAsync("the redelivery to be recognised", async () => (await InboxAsync(fixture.Host, messageId)).Single().DuplicateDeliveries == 1);
        await Eventually.UntilAsync("the repeat to be processed", async () => (await InboxAsync(fixture.Host, repeatId)).Count == 1);
        Assert.Equal(1, await fixture.Host.StreamVersionAsync(checkIn.AppointmentId));
    }

    [Fact]
    public async Task A_check_in_of_a_contraindicated_client_opens_no_note_and_tells_the_front_desk_why()
    {
        // Rule: the screening gate refuses the note, and the refusal is published with its reason, once.
        var client = await fixture.ScreenedClientAsync(_location, ScreeningStatuses.Contraindicated);
        var checkIn = CheckIn(client);
        var messageId = Guid.CreateVersion7();

        await fixture.Bus.PublishAsync(checkIn, messageId);
        await fixture.Bus.PublishAsync(checkIn, messageId);

        await Eventually.UntilAsync("the check-in and its redelivery to be processed", async () => (await InboxAsync(fixture.Host, messageId)).SingleOrDefault()?.DuplicateDeliveries == 1);
        Assert.Null(await fixture.Host.StreamVersionAsync(checkIn.AppointmentId));
        var refused = (NmtPractice.Contracts.TreatmentRecords.CheckInNoteRefused)(await fixture.Bus.WaitForAsync<NmtPractice.Contracts.TreatmentRecords.CheckInNoteRefused>(m => m.AppointmentId == checkIn.AppointmentId)).Message;
        Assert.Equal((client, _location, OpeningRules.Contraindicated), (refused.ClientId, refused.LocationId, refused.Reason));
        Assert.Single(fixture.Bus.Received, received => received.Message is NmtPractice.Contracts.TreatmentRecords.CheckInNoteRefused r && r.AppointmentId == checkIn.AppointmentId);

        // The note can still be opened once the screening allows it: the refusal is not the note's stream.
        await fixture.ScreenAsync(client, _location, ScreeningStatuses.Cleared);
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        using var opened = await therapist.OpenAsync(client, _location, checkIn.AppointmentId);
        Assert.Equal(System.Net.HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(_therapist, (await therapist.GetNoteAsync(checkIn.AppointmentId)).TherapistId);
    }

    [Fact]
    public async Task A_check_in_waiting_for_a_screening_that_needs_a_clearance_is_refused_and_published_when_it_arrives()
    {
        var client = Guid.CreateVersion7();
        var checkIn = CheckIn(client);

        await fixture.Bus.PublishAsync(checkIn, Guid.CreateVersion7());
        await Eventually.UntilAsync("the check-in to wait", async () => (await fixture.Host.LoadAsync<ClientScreening>(client))?.PendingCheckIns.Count == 1);
        await fixture.ScreenAsync(client, _location, ScreeningStatuses.PhysicianClearanceRequired);

        var refused = (NmtPractice.Contracts.TreatmentRecords.CheckInNoteRefused)(await fixture.Bus.WaitForAsync<NmtPractice.Contracts.TreatmentRecords.CheckInNoteRefused>(m => m.AppointmentId == checkIn.AppointmentId)).Message;
        Assert.Equal(OpeningRules.ClearanceRequired, refused.Reason);
        Assert.Null(await fixture.Host.StreamVersionAsync(checkIn.AppointmentId));
    }

    [Fact]
    public async Task A_check_in_that_arrives_before_the_screening_waits_for_it()
    {
        var client = Guid.CreateVersion7();
        var checkIn = CheckIn(client);
        var messageId = Guid.CreateVersion7();

        await fixture.Bus.PublishAsync(checkIn, messageId);
        await Eventually.UntilAsync("the check-in to be processed", async () => (await InboxAsync(fixture.Host, messageId)).Count == 1);
        Assert.Null(await fixture.Host.StreamVersionAsync(checkIn.AppointmentId));
        Assert.Equal(checkIn.AppointmentId, Assert.Single((await fixture.Host.LoadAsync<ClientScreening>(client))!.PendingCheckIns).AppointmentId);

        await fixture.ScreenAsync(client, _location, ScreeningStatuses.Cleared);

        var note = await NoteOpenedAsync(fixture.Host, checkIn.AppointmentId);
        Assert.Equal(ScreeningStatuses.Cleared, note.Screening.Status);
        Assert.Empty((await fixture.Host.LoadAsync<ClientScreening>(client))!.PendingCheckIns);
    }

    [Fact]
    public async Task Check_ins_published_while_the_service_is_down_open_their_notes_when_it_is_back()
    {
        await using var own = new TreatmentRecordsFixture();
        await own.InitializeAsync();
        var clients = new[] { await own.ScreenedClientAsync(_location), await own.ScreenedClientAsync(_location) };

        // The first host declared the durable queue; now it goes down, and the clinic checks clients in.
        await own.Host.DisposeAsync();
        var checkIns = clients.Select(CheckIn).ToList();
        foreach (var checkIn in checkIns)
        {
            await own.Bus.PublishAsync(checkIn, Guid.CreateVersion7());
        }

        var restarted = await own.StartHostAsync();
        foreach (var checkIn in checkIns)
        {
            await NoteOpenedAsync(restarted, checkIn.AppointmentId);
        }
    }
}
