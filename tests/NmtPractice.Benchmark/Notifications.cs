using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MassTransit;
using NmtPractice.Testing.Practice;
using NmtPractice.ServiceDefaults.Messaging;
using NmtHeaders = NmtPractice.ServiceDefaults.Messaging.MessageHeaders;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Benchmark;

/// <summary>Reminders planned by the notifications service from a backlog of bookings.</summary>
/// <param name="Clients">Clients (each agreeing to email and texts) the bookings are for.</param>
/// <param name="Appointments">Bookings published.</param>
/// <param name="Reminders">Reminders the service planned from them.</param>
/// <param name="OtherMessagesPlanned">Other messages it planned from them (none expected: the bookings are older than a confirmation is sent for).</param>
/// <param name="PublishSeconds">How long publishing the bookings took.</param>
/// <param name="Seconds">From the first booking published to the last reminder committed.</param>
/// <param name="NotificationsCpuSeconds">CPU the notifications process used meanwhile.</param>
/// <param name="MachineBusyPercent">How busy the machine's cores were meanwhile.</param>
/// <param name="CpuSecondsByProcess">CPU every process used meanwhile (the other services take in the same bookings).</param>
/// <param name="Withdrawn">Reminders withdrawn once the clients withdrew their consent at intake (the clean-up).</param>
/// <param name="WithdrawSeconds">From the first consent withdrawn until the service knew every client's, or the last reminder withdrawn.</param>
/// <param name="Complete">Every reminder was planned within the time limit (else the figures are for those planned by then).</param>
/// <param name="Progress">Events the service had recorded, every 15 s from the first booking published: the rate as the run went.</param>
internal sealed record ReminderPlanningResult(
    int Clients,
    int Appointments,
    long Reminders,
    long OtherMessagesPlanned,
    double PublishSeconds,
    double Seconds,
    double NotificationsCpuSeconds,
    double MachineBusyPercent,
    IReadOnlyDictionary<string, double> CpuSecondsByProcess,
    long Withdrawn,
    double WithdrawSeconds,
    bool Complete,
    IReadOnlyList<ProgressSample> Progress)
{
    public double PerSecond => Reminders / Seconds;

    public double CpuSecondsPer1000 => NotificationsCpuSeconds * 1000 / Math.Max(1, Reminders);

    /// <summary>The slowest and fastest rates between two progress samples (events a second; each reminder is one event).</summary>
    [JsonIgnore]
    public (double Slowest, double Fastest)? WindowRates => Progress.Count < 2
        ? null
        : (Rates().Min(), Rates().Max());

    private IEnumerable<double> Rates() => Progress.Zip(Progress.Skip(1), (a, b) => (b.Events - a.Events) / Math.Max(0.001, b.Seconds - a.Seconds));
}

/// <summary>How many events the service had recorded <paramref name="Seconds"/> after the first booking was published.</summary>
internal sealed record ProgressSample(double Seconds, long Events);

/// <summary>Confirmations of bookings made through scheduling, sent through the mail server and the SMS gateway.</summary>
/// <param name="Appointments">Bookings made.</param>
/// <param name="Planned">Messages the service planned for them (an email and a text each).</param>
/// <param name="EmailsSent">Emails the mail server accepted.</param>
/// <param name="TextsSent">Texts the SMS gateway accepted.</param>
/// <param name="TextsDelivered">Texts the gateway's delivery reports said reached the phone.</param>
/// <param name="Failed">Messages failed (for good).</param>
/// <param name="Deferred">Hand-overs that failed for a moment and were put off for a retry.</param>
/// <param name="Withdrawn">Messages withdrawn before they went.</param>
/// <param name="BookingSeconds">How long the bookings took.</param>
/// <param name="SentSeconds">From the first booking to the last message recorded sent.</param>
/// <param name="DispatchSeconds">From the first message taken for sending ("due") to the last recorded sent.</param>
/// <param name="DeliveredSeconds">From the first booking to the last delivery report recorded, if any came.</param>
/// <param name="NotificationsCpuSeconds">CPU the notifications process used from the first booking until the last message was sent and delivered (planning the confirmations and taking the delivery reports included).</param>
/// <param name="MachineBusyPercent">How busy the machine's cores were meanwhile.</param>
/// <param name="CpuSecondsByProcess">CPU every process used meanwhile.</param>
internal sealed record SendingResult(
    int Appointments,
    long Planned,
    long EmailsSent,
    long TextsSent,
    long TextsDelivered,
    long Failed,
    long Deferred,
    long Withdrawn,
    double BookingSeconds,
    double SentSeconds,
    double DispatchSeconds,
    double? DeliveredSeconds,
    double NotificationsCpuSeconds,
    double MachineBusyPercent,
    IReadOnlyDictionary<string, double> CpuSecondsByProcess)
{
    public long Sent => EmailsSent + TextsSent;

    public double PerSecond => Sent / SentSeconds;

    public double DispatchPerSecond => Sent / DispatchSeconds;

    public double CpuSecondsPer1000 => NotificationsCpuSeconds * 1000 / Math.Max(1, Sent);
}

/// <summary>The notifications part: planning, sending, and the service's peak memory after each.</summary>
internal sealed record NotificationsResult(
    ReminderPlanningResult? Planning, SendingResult? Sending, IReadOnlyDictionary<string, long> NotificationsPeakBytes, double Seconds);

/// <summary>
/// The notifications service under load, through the running system:
/// <list type="number">
/// <item><b>Planning.</b> A location and its clients are set up through scheduling's and intake's APIs
/// (the clients agree to email and texts), so the service learns them from the real events. Then a
/// backlog of <c>AppointmentBooked</c> events (half as many as the reminders wanted, a year ahead) is
/// published on scheduling's exchange with scheduling's own broker account, as scheduling's publisher
/// does, and the service's consumer plans an email and a text reminder for each. The bookings are
/// dated two days back, past the day within which a booking is confirmed, so that the service plans
/// reminders only and sends nothing. Measured from the first event published to the last reminder
/// committed in the service's store. Afterwards the clients withdraw their consent at intake, so that
/// none of these reminders can ever go.</item>
/// <item><b>Sending.</b> A second location whose rules send no reminders and have no quiet hours, clients
/// who agree to both channels, and bookings through scheduling: each booking's confirmation goes at
/// once by email (smtp4dev) and by text (Kannel). Measured from the first booking until every message
/// is recorded sent, and until the texts' delivery reports are recorded.</item>
/// </list>
/// Like the other bench data, the locations, clients and messages stay in the local databases; every
/// run makes new ones.
/// </summary>
internal sealed class NotificationsBench
{
    private const int AppointmentsPerPlanningClient = 50;
    private const int AppointmentsPerSendingClient = 10;
    private const int PlanningTherapists = 4;
    private const int SendingLanes = 8;
    private const int SlotsPerDay = 36;
    private const int PublishConcurrency = 32;
    private const int RequestConcurrency = 8;
    private static readonly TimeSpan Stride = TimeSpan.FromMinutes(40);
    private static readonly string[] Services = ["NMT-30"];

    private readonly HttpClient _http;
    private readonly BenchSettings _settings;
    private readonly MessageStore _store;
    private readonly string _stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    private NotificationsBench(HttpClient http, BenchSettings settings, MessageStore store)
    {
        _http = http;
        _settings = settings;
        _store = store;
    }

    public static async Task<NotificationsResult> RunAsync(HttpClient http, BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bench = new NotificationsBench(
            http, settings, new MessageStore(settings.NotificationsDatabase ?? throw new InvalidOperationException("NMT_BENCH_NOTIFICATIONS_DB is not set.")));
        var clock = Stopwatch.StartNew();
        var peaks = new Dictionary<string, long>(StringComparer.Ordinal);
        void Peak(string when)
        {
            if (Memory.PeakBytesOf(settings.PidDirectory, "notifications") is { } peak)
            {
                peaks[when] = peak;
            }
        }

        Peak("before");
        ReminderPlanningResult? planning = null;
        if (settings.Reminders > 0)
        {
            planning = await bench.PlanRemindersAsync();
            Peak("after planning");
        }

        SendingResult? sending = null;
        if (settings.Sends > 0)
        {
            sending = await bench.SendAsync();
            Peak("after sending");
        }

        return new NotificationsResult(planning, sending, peaks, clock.Elapsed.TotalSeconds);
    }

    private async Task<ReminderPlanningResult> PlanRemindersAsync()
    {
        var broker = _settings.SchedulingBroker ?? throw new InvalidOperationException("NMT_BENCH_SCHEDULING_BROKER (scheduling's broker account) is not set.");
        var appointments = (_settings.Reminders + 1) / 2;
        var clientCount = Math.Max(1, (appointments + AppointmentsPerPlanningClient - 1) / AppointmentsPerPlanningClient);
        const string zoneId = "America/New_York";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        using var admin = await AdminAsync();
        var (location, therapists, rooms) = await OpenLocationAsync(admin, $"Bench reminders {_stamp}", zoneId, PlanningTherapists);
        var clients = await RegisterClientsAsync(admin, location, "Reminders", clientCount, phoneBlock: 1);
        await WaitUntilAsync("the notifications service knows the location, its therapists and every client's contact", async () =>
            await _store.LocationsAsync([location]) == 1
            && await _store.TherapistsAsync(therapists) == therapists.Count
            && await _store.RecipientsAsync([.. clients.Select(client => client.Id)]) == clients.Count);

        // A year ahead, weekly per client, between 08:00 and 19:30 at the location: both reminders
        // (48 hours before by email, 24 by text) fall outside its quiet hours and far in the future.
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(400);
        var bookedAt = DateTimeOffset.UtcNow.AddDays(-2);
        Published.AppointmentBooked Booking(int n)
        {
            var client = n % clientCount;
            var visit = n / clientCount;
            var local = firstDay.AddDays((7 * visit) + (client % 7)).ToDateTime(new TimeOnly(8, 0)).AddMinutes(30 * ((client / 7) % 24));
            var startsAt = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return new Published.AppointmentBooked(
                Guid.CreateVersion7(), clients[client].Id, location, therapists[client % therapists.Count], "NMT-30", startsAt, startsAt.AddMinutes(30), bookedAt,
                rooms[client % rooms.Count]);
        }

        var since = await _store.LastSequenceAsync();
        PlanningMeasured measured;
        try
        {
            measured = await MeasurePlanningAsync(broker, appointments, Booking, since, location);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever was planned must never go: the clients withdraw their consent all the same.
            Console.WriteLine($"[bench] notifications: planning failed ({ex.GetType().Name}); withdrawing the clients' consent");
            await WithdrawConsentAsync(clients, since, location, _settings.Reminders);
            throw;
        }

        var (withdrawn, withdrawSeconds) = await WithdrawConsentAsync(clients, since, location, measured.Reminders);
        if (!measured.Complete)
        {
            // The rest of the backlog is still to be taken in (planning nothing now): the sending part must not queue behind it.
            await WaitUntilAsync("the rest of the backlog is taken in", async () => await _store.AppointmentsAtAsync(location) >= appointments, _settings.TimeLimit);
        }

        return new ReminderPlanningResult(
            clientCount, appointments, measured.Reminders, measured.OtherMessages, measured.PublishSeconds, measured.Seconds,
            measured.Cpu.GetValueOrDefault("notifications"), measured.BusyPercent, measured.Cpu, withdrawn, withdrawSeconds, measured.Complete, measured.Progress);
    }

    /// <summary>Publishes the bookings and waits until the service has planned every reminder (or the time limit passed).</summary>
    private async Task<PlanningMeasured> MeasurePlanningAsync(Uri broker, int appointments, Func<int, Published.AppointmentBooked> booking, long since, Guid location)
    {
        var cpuBefore = Cpu.Sample(_settings.PidDirectory);
        var started = DateTimeOffset.UtcNow;
        var publishing = Stopwatch.StartNew();
        var correlation = $"bench-reminders-{_stamp}";
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.UseNmtBroker(broker, "nmt-bench"));
        using (var starting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await bus.StartAsync(starting.Token);
        }

        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, appointments),
                new ParallelOptions { MaxDegreeOfParallelism = PublishConcurrency },
                async (n, cancellationToken) => await bus.Publish(booking(n), context =>
                {
                    // As scheduling's publisher sends them: a message id of its own, durable, with the correlation header.
                    context.MessageId = Guid.CreateVersion7();
                    context.Durable = true;
                    context.Headers.Set(NmtHeaders.CorrelationId, correlation);
                }, cancellationToken));
        }
        finally
        {
            await bus.StopAsync();
        }

        var publishSeconds = publishing.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] notifications: published {appointments} bookings in {publishSeconds:F1} s; awaiting the reminders"));

        IReadOnlyList<MessageSteps> steps = [];
        var waited = Stopwatch.StartNew();
        var report = TimeSpan.FromSeconds(15);
        var complete = false;
        var progress = new List<ProgressSample>();
        while (true)
        {
            await Task.Delay(1000);
            var recorded = await _store.LastSequenceAsync() - since;
            if (recorded >= _settings.Reminders)
            {
                // Enough events for every reminder: count exactly (other messages may have been recorded meanwhile).
                steps = await _store.StepsAsync(since, location);
                if (steps.Number(MessageStore.Planned, "reminder") >= _settings.Reminders)
                {
                    complete = true;
                    break;
                }
            }

            if (waited.Elapsed > report)
            {
                var elapsed = (DateTimeOffset.UtcNow - started).TotalSeconds;
                progress.Add(new ProgressSample(Math.Round(elapsed, 1), recorded));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] notifications: {recorded} events recorded after {elapsed:F0} s ({recorded / elapsed:F1}/s)"));
                report += TimeSpan.FromSeconds(15);
            }

            if (waited.Elapsed > _settings.TimeLimit)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] notifications: stopped waiting after {_settings.TimeLimit.TotalSeconds:F0} s (NMT_BENCH_TIME_LIMIT_SECONDS); counting what was planned so far"));
                steps = await _store.StepsAsync(since, location);
                break;
            }
        }

        var cpuAfter = Cpu.Sample(_settings.PidDirectory);
        var reminders = steps.Number(MessageStore.Planned, "reminder");
        var seconds = ((steps.LastAt(MessageStore.Planned) ?? DateTimeOffset.UtcNow) - started).TotalSeconds;
        var used = cpuAfter.Since(cpuBefore);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench] notifications: {reminders} reminders planned in {seconds:F1} s ({reminders / seconds:F1}/s), notifications CPU {used.GetValueOrDefault("notifications"):F1} s"));
        return new PlanningMeasured(reminders, steps.Number(MessageStore.Planned) - reminders, publishSeconds, seconds, used, cpuAfter.BusyPercentSince(cpuBefore), complete, progress);
    }

    /// <summary>
    /// The clean-up: the planning clients withdraw their consent to both channels at intake, so that
    /// no reminder of theirs can ever be sent (the dispatcher checks the consent before each send).
    /// Waits until the service knows every withdrawal and its reminders stop being withdrawn.
    /// </summary>
    private async Task<(long Withdrawn, double Seconds)> WithdrawConsentAsync(IReadOnlyList<RegisteredClient> clients, long since, Guid location, long reminders)
    {
        using var admin = await AdminAsync();
        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = RequestConcurrency }, async (client, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"api/intake/clients/{client.Id}/message-preferences")
            {
                Content = JsonContent.Create(new { email = false, sms = false, language = "en", how = "in-person" }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", client.ETag);
            using var response = await admin.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Withdrawing {client.Id}'s consent answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });

        var ids = clients.Select(client => client.Id).ToArray();
        await WaitUntilAsync("the notifications service knows every withdrawn consent", async () => await _store.RecipientsAsync(ids, withoutConsent: true) == ids.Length);
        var known = DateTimeOffset.UtcNow;

        // The reminders the service withdraws at once (it may leave them for the dispatcher's check at their send time).
        var withdrawn = -1L;
        DateTimeOffset? last = null;
        while (true)
        {
            var steps = await _store.StepsAsync(since, location);
            var now = steps.Number(MessageStore.Withdrawn);
            last = steps.LastAt(MessageStore.Withdrawn);
            if (now >= reminders || now == withdrawn)
            {
                withdrawn = now;
                break;
            }

            withdrawn = now;
            await Task.Delay(5000);
        }

        var end = last is { } lastWithdrawn && lastWithdrawn > known ? lastWithdrawn : known;
        var seconds = (end - started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench] notifications: {clients.Count} clients withdrew their consent; the service knew it after {(known - started).TotalSeconds:F1} s and withdrew {withdrawn} of {reminders} reminders at once"));
        return (withdrawn, seconds);
    }

    private async Task<SendingResult> SendAsync()
    {
        var appointments = Math.Max(1, _settings.Sends / 2);
        var clientCount = Math.Max(SendingLanes, (appointments + AppointmentsPerSendingClient - 1) / AppointmentsPerSendingClient);
        using var admin = await AdminAsync();
        var (location, therapists, _) = await OpenLocationAsync(admin, $"Bench messages {_stamp}", "Etc/UTC", SendingLanes);

        // No reminders and no quiet hours here: each booking's confirmation goes at once on both channels, at any hour, and nothing is left planned.
        using (await admin.SendExpectingAsync(
            HttpMethod.Put, $"api/notifications/locations/{location}/message-rules", new { emailHoursBefore = (int?)null, smsHoursBefore = (int?)null, quietFrom = "00:00", quietUntil = "00:00" }))
        {
        }

        var clients = await RegisterClientsAsync(admin, location, "Messages", clientCount, phoneBlock: 2);
        await WaitUntilAsync("the notifications service knows the location, its therapists and every client's contact", async () =>
            await _store.LocationsAsync([location]) == 1
            && await _store.TherapistsAsync(therapists) == therapists.Count
            && await _store.RecipientsAsync([.. clients.Select(client => client.Id)]) == clients.Count);

        var firstDay = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(730), TimeSpan.Zero);
        BookAppointment Booking(int n)
        {
            var lane = n % SendingLanes;
            var k = n / SendingLanes;
            return new BookAppointment(
                Guid.CreateVersion7(), clients[n % clientCount].Id, location, therapists[lane], "NMT-30", firstDay.AddDays(k / SlotsPerDay) + (Stride * (k % SlotsPerDay)));
        }

        var token = await Auth.TokenAsync(_http, _settings);
        var since = await _store.LastSequenceAsync();
        var cpuBefore = Cpu.Sample(_settings.PidDirectory);
        var started = DateTimeOffset.UtcNow;
        var booking = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, appointments), new ParallelOptions { MaxDegreeOfParallelism = RequestConcurrency }, async (n, cancellationToken) =>
        {
            var request = Booking(n);
            var tried = Stopwatch.StartNew();
            while (true)
            {
                // Straight to scheduling, as the booking cells' "direct" path; the same id makes a retry safe.
                using var response = await BenchPractice.SendRawAsync(_http, _settings.Scheduling, token, HttpMethod.Post, "api/scheduling/appointments", request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return;
                }

                // Scheduling may not have heard of a client just registered yet.
                if (tried.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException($"Booking for the sending part failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                await Task.Delay(200, cancellationToken);
            }
        });
        var bookingSeconds = booking.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] notifications: booked {appointments} appointments through scheduling in {bookingSeconds:F1} s; awaiting their confirmations"));

        var expected = 2L * appointments;
        IReadOnlyList<MessageSteps> steps;
        var waited = Stopwatch.StartNew();
        var report = TimeSpan.FromSeconds(10);
        while (true)
        {
            steps = await _store.StepsAsync(since, location);
            var planned = steps.Number(MessageStore.Planned);
            var settled = steps.Number(MessageStore.Sent) + steps.Number(MessageStore.Bounced) + steps.Number(MessageStore.Withdrawn)
                + steps.Number(MessageStore.Failed);
            if (planned >= expected && settled >= planned)
            {
                break;
            }

            if (waited.Elapsed > report)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] notifications: {planned} planned, {steps.Number(MessageStore.Sent)} sent after {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s"));
                report += TimeSpan.FromSeconds(10);
            }

            if (waited.Elapsed > _settings.TimeLimit)
            {
                throw new TimeoutException($"Of {expected} confirmations, {planned} were planned and {settled} settled within {_settings.TimeLimit.TotalSeconds:F0} s.");
            }

            await Task.Delay(500);
        }

        // The texts' delivery reports: until each sent text is reported, or none came for a while.
        var textsSent = steps.Number(MessageStore.Sent, channel: "sms");
        var lastChange = Stopwatch.StartNew();
        var delivered = steps.Number(MessageStore.Delivered);
        while (delivered < textsSent && lastChange.Elapsed < _settings.DeliveryReportWait)
        {
            await Task.Delay(500);
            steps = await _store.StepsAsync(since, location);
            if (steps.Number(MessageStore.Delivered) is var now && now != delivered)
            {
                delivered = now;
                lastChange.Restart();
            }
        }

        var cpuAfter = Cpu.Sample(_settings.PidDirectory);
        var used = cpuAfter.Since(cpuBefore);
        var lastSent = steps.LastAt(MessageStore.Sent) ?? DateTimeOffset.UtcNow;
        var result = new SendingResult(
            appointments, steps.Number(MessageStore.Planned), steps.Number(MessageStore.Sent, channel: "email"), textsSent, delivered,
            steps.Number(MessageStore.Failed), steps.Number(MessageStore.Deferred), steps.Number(MessageStore.Withdrawn), bookingSeconds,
            (lastSent - started).TotalSeconds, (lastSent - (steps.FirstAt(MessageStore.Due) ?? started)).TotalSeconds,
            steps.LastAt(MessageStore.Delivered) is { } lastDelivered ? (lastDelivered - started).TotalSeconds : null,
            used.GetValueOrDefault("notifications"), cpuAfter.BusyPercentSince(cpuBefore), used);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench] notifications: {result.Sent} of {result.Planned} messages sent in {result.SentSeconds:F1} s ({result.PerSecond:F1}/s), {result.TextsDelivered} of {result.TextsSent} texts delivered, {result.Failed} failed, {result.Deferred} deferred"));
        return result;
    }

    /// <summary>A location open around the clock with a room and a therapist per lane.</summary>
    private static async Task<(Guid Location, IReadOnlyList<Guid> Therapists, IReadOnlyList<Guid> Rooms)> OpenLocationAsync(HttpClient admin, string name, string zone, int lanes)
    {
        var location = Guid.CreateVersion7();
        var week = DayHours.AroundTheClock;
        var builder = new PracticeBuilder()
            .Service(new DefineService("NMT-30", "Neuromuscular therapy, 30 minutes", 30, 10, 55m, "USD"), mayExist: true)
            .Location(new OpenLocation(location, name, PostalAddress.Boston("3 Loopback Way"), zone, week));
        var therapists = new List<Guid>();
        var rooms = new List<Guid>();
        for (var i = 0; i < lanes; i++)
        {
            var therapist = Guid.CreateVersion7();
            var room = Guid.CreateVersion7();
            builder.Room(new AddRoom(room, $"Room {i + 1}")).Therapist(new RegisterTherapist(therapist, $"{name} therapist {i + 1}", Services), week);
            therapists.Add(therapist);
            rooms.Add(room);
        }

        await builder.BuildAsync(admin);
        return (location, therapists, rooms);
    }

    /// <summary>Registers clients at intake who agree to email and texts, with their versions (for changing their consent).</summary>
    private static async Task<IReadOnlyList<RegisteredClient>> RegisterClientsAsync(HttpClient admin, Guid location, string family, int count, int phoneBlock)
    {
        var clients = new RegisteredClient[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = RequestConcurrency }, async (i, cancellationToken) =>
        {
            var id = Guid.CreateVersion7();
            var client = new RegisterClient(
                id, location, new ClientName("Bench", $"{family}{i + 1:0000}"), new DateOnly(1980, 1, 1),
                new ClientContact($"bench.{family.ToLowerInvariant()}{i + 1}.{id:N}@example.org", $"+1555{phoneBlock}{i:000000}"),
                Messages: new MessagePreferences(Email: true, Sms: true));
            using var response = await admin.SendExpectingAsync(HttpMethod.Post, "api/intake/clients", client, cancellationToken: cancellationToken);
            clients[i] = new RegisteredClient(id, response.Headers.ETag?.Tag ?? throw new InvalidOperationException("Registering a client answered no ETag."));
        });
        return clients;
    }

    private async Task<HttpClient> AdminAsync()
    {
        var token = await Auth.TokenAsync(_http, _settings);
        var admin = new HttpClient { BaseAddress = _settings.Gateway, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return admin;
    }

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var waited = Stopwatch.StartNew();
        var longest = limit ?? TimeSpan.FromMinutes(5);
        while (!await condition())
        {
            if (waited.Elapsed > longest)
            {
                throw new TimeoutException($"Waited {longest.TotalSeconds:F0} s for {what}.");
            }

            await Task.Delay(waited.Elapsed < TimeSpan.FromSeconds(30) ? 250 : 2000);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] notifications: {what} ({waited.Elapsed.TotalSeconds:F1} s)"));
    }

    /// <summary>What the planning measured.</summary>
    private sealed record PlanningMeasured(
        long Reminders, long OtherMessages, double PublishSeconds, double Seconds, IReadOnlyDictionary<string, double> Cpu, double BusyPercent, bool Complete,
        IReadOnlyList<ProgressSample> Progress);

    /// <summary>A client as registered: the id and the version to send back when changing them.</summary>
    private sealed record RegisteredClient(Guid Id, string ETag);
}
