using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.Benchmark;

/// <summary>Latency of one kind of request in a clinic-day cell.</summary>
internal sealed record KindResult(string Kind, int Requests, int Errors, double P50, double P95, double P99, IReadOnlyDictionary<string, int> ErrorKinds);

/// <summary>One clinic-day cell: every request at one concurrency level, by kind.</summary>
internal sealed record ClinicDayResult(int Concurrency, int Requests, int Errors, double Seconds, int VisitsSigned, IReadOnlyList<KindResult> Kinds)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>
/// A clinic's day through the gateway: the desk searches availability, books clients into today's
/// free slots and checks them in; therapists open the session note (treatment records opened it on the
/// check-in), write its four sections and sign it; managers read the dashboards. Each worker carries
/// one visit at a time through its steps and, between steps, searches availability (35% of requests)
/// or reads a dashboard (20%). The clinic is its own location whose zone puts the run at about one in
/// the morning, so the rest of the local day is bookable.
/// </summary>
internal sealed class ClinicDay
{
    private const int Lanes = 8;
    private const int ClientCount = 32;
    private static readonly TimeSpan Stride = TimeSpan.FromMinutes(40);
    private static readonly string[] DashboardViews = ["clinical", "operations/utilisation", "operations/daily-bookings"];
    private static readonly string[] Services = ["NMT-30"];
    private readonly HttpClient _http;
    private readonly Uri _gateway;
    private readonly string _token;
    private readonly List<Guid> _therapists;
    private readonly List<Guid> _clients;
    private readonly DateTimeOffset _firstSlot;
    private readonly DateTimeOffset _endOfDay;
    private readonly string _today;
    private int _nextSlot = -1;

    private ClinicDay(HttpClient http, Uri gateway, string token, Guid location, List<Guid> therapists, List<Guid> clients, DateTimeOffset firstSlot, DateTimeOffset endOfDay)
    {
        _http = http;
        _gateway = gateway;
        _token = token;
        LocationId = location;
        _therapists = therapists;
        _clients = clients;
        _firstSlot = firstSlot;
        _endOfDay = endOfDay;
        _today = firstSlot.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public Guid LocationId { get; }

    public static async Task<ClinicDay> CreateAsync(HttpClient http, BenchSettings settings, string token)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var now = DateTimeOffset.UtcNow;
        var (zone, firstSlot, endOfDay) = E2EPractice.DayAheadFromOneInTheMorning(now);

        var location = Guid.CreateVersion7();
        var week = DayHours.AroundTheClock;
        var day = new ClinicDay(http, settings.Gateway, token, location, [], [], firstSlot, endOfDay);
        using var admin = new HttpClient { BaseAddress = settings.Gateway, Timeout = http.Timeout };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var practice = new PracticeBuilder()
            .Location(new OpenLocation(location, $"Clinic day {now:yyyyMMdd-HHmmss}", PostalAddress.Boston("2 Loopback Way"), zone, week));
        for (var i = 0; i < Lanes; i++)
        {
            var therapist = Guid.CreateVersion7();
            practice
                .Room(new AddRoom(null, $"Room {i + 1}"))
                .Therapist(new RegisterTherapist(therapist, $"Clinic-day therapist {i + 1}", Services), week);
            day._therapists.Add(therapist);
        }

        await practice.BuildAsync(admin);
        var signedOn = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < ClientCount; i++)
        {
            day._clients.Add(await PracticeBuilder.RegisterClientAsync(
                admin,
                new RegisterClient(Guid.CreateVersion7(), location, new ClientName("Day", $"Client{i + 1:00}"), new DateOnly(1975, 3, 1), new ClientContact($"day{i + 1}@example.org")),
                AnswerIntake.Clear("Turn my head without pain"),
                GiveConsent.ToTreatment($"Day Client{i + 1:00}", signedOn)));
        }

        return day;
    }

    /// <summary>Runs <paramref name="requests"/> requests of the mix with <paramref name="concurrency"/> workers.</summary>
    public async Task<ClinicDayResult> RunAsync(int concurrency, int requests)
    {
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>(StringComparer.Ordinal);
        var errors = new ConcurrentDictionary<string, ConcurrentDictionary<string, int>>(StringComparer.Ordinal);
        var issued = 0;
        var signed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            Visit? visit = null;
            while (Interlocked.Increment(ref issued) <= requests)
            {
                var roll = random.NextDouble();
                (string Kind, Func<Task<HttpResponseMessage>> Send, Func<HttpResponseMessage, Task>? After) step;
                if (roll < 0.35)
                {
                    var days = random.Next(0, 7);
                    step = ("availability search", () => SendAsync(HttpMethod.Get,
                        $"api/scheduling/availability?locationId={LocationId}&serviceCode=NMT-30&from={_today}&to={DateOnly.Parse(_today, CultureInfo.InvariantCulture).AddDays(days):yyyy-MM-dd}"), null);
                }
                else if (roll < 0.55)
                {
                    var view = DashboardViews[random.Next(DashboardViews.Length)];
                    var from = DateOnly.Parse(_today, CultureInfo.InvariantCulture).AddDays(-27);
                    step = ("dashboard read", () => SendAsync(HttpMethod.Get, $"api/outcomes/{view}?from={from:yyyy-MM-dd}&to={_today}&locationId={LocationId}"), null);
                }
                else
                {
                    visit ??= NextVisit();
                    var current = visit;
                    var (kind, send) = StepOf(current);
                    step = (kind, send, response => Advance(current, response));
                }

                var watch = Stopwatch.StartNew();
                using var response = await step.Send();
                latencies.GetOrAdd(step.Kind, _ => []).Add(watch.Elapsed.TotalMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    if (step.After is not null)
                    {
                        await step.After(response);
                    }

                    if (visit is { Step: > 7 })
                    {
                        Interlocked.Increment(ref signed);
                        visit = null;
                    }
                }
                else if (!(step.Kind == "session note read" && response.StatusCode == HttpStatusCode.NotFound))
                {
                    // A note not yet opened (the check-in is still on its way to treatment records) is read again: not an error.
                    var problem = await response.Content.ReadAsStringAsync();
                    errors.GetOrAdd(step.Kind, _ => new(StringComparer.Ordinal))
                        .AddOrUpdate($"{(int)response.StatusCode} {Title(problem)}".Trim(), 1, (_, count) => count + 1);
                    visit = null;
                }
            }
        });
        await Task.WhenAll(workers);
        clock.Stop();

        var kinds = latencies.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair =>
        {
            var sorted = pair.Value.Order().ToArray();
            var kindErrors = errors.TryGetValue(pair.Key, out var found) ? new SortedDictionary<string, int>(found, StringComparer.Ordinal) : new SortedDictionary<string, int>(StringComparer.Ordinal);
            return new KindResult(pair.Key, sorted.Length, kindErrors.Values.Sum(), Load.Percentile(sorted, 0.5), Load.Percentile(sorted, 0.95), Load.Percentile(sorted, 0.99), kindErrors);
        }).ToList();
        return new ClinicDayResult(concurrency, kinds.Sum(kind => kind.Requests), kinds.Sum(kind => kind.Errors), clock.Elapsed.TotalSeconds, signed, kinds);
    }

    /// <summary>
    /// Signed-note lag: a visit carried through to its signature, then outcome reporting's course of
    /// care for the client polled until it shows the session.
    /// </summary>
    public async Task<LagResult> SignedNoteLagAsync(int samples)
    {
        var lags = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var visit = NextVisit();
            var before = await CourseSessionsAsync(visit.ClientId);
            while (visit.Step <= 7)
            {
                using var response = await StepOf(visit).Send();
                if (response.IsSuccessStatusCode)
                {
                    await Advance(visit, response);
                }
                else if (!(visit.Step == 2 && response.StatusCode == HttpStatusCode.NotFound))
                {
                    throw new InvalidOperationException($"A signed-note lag visit failed at step {visit.Step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            var signedAt = Stopwatch.StartNew();
            while (signedAt.Elapsed < TimeSpan.FromSeconds(30) && await CourseSessionsAsync(visit.ClientId) <= before)
            {
                await Task.Delay(5);
            }

            lags.Add(signedAt.Elapsed.TotalMilliseconds);
        }

        var sorted = lags.Order().ToArray();
        return new LagResult(sorted.Length, Load.Percentile(sorted, 0.50), Load.Percentile(sorted, 0.99));
    }

    /// <summary>The request that takes a visit its next step, and what kind of request it is.</summary>
    private (string Kind, Func<Task<HttpResponseMessage>> Send) StepOf(Visit visit) => visit.Step switch
    {
        0 => ("booking", () => SendAsync(HttpMethod.Post, "api/scheduling/appointments", visit.Booking)),
        1 => ("check-in", () => SendAsync(HttpMethod.Post, $"api/scheduling/appointments/{visit.Id}/check-in")),
        2 => ("session note read", () => SendAsync(HttpMethod.Get, $"api/treatments/sessions/{visit.Id}")),
        7 => ("session note signature", () => SendAsync(HttpMethod.Post, $"api/treatments/sessions/{visit.Id}/signature", new { }, visit.ETag)),
        _ => ("session note section", () => SendAsync(HttpMethod.Put, $"api/treatments/sessions/{visit.Id}/{Sections[visit.Step - 3].Part}", Sections[visit.Step - 3].Body, visit.ETag)),
    };

    private async Task<int> CourseSessionsAsync(Guid clientId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/outcomes/clinical/clients/{clientId}/course");
        response.EnsureSuccessStatusCode();
        var course = await response.Content.ReadFromJsonAsync<ClientCourseView>() ?? throw new InvalidOperationException("The course of care answered null.");
        return course.Course.Sessions.Count;
    }

    private static readonly (string Part, object Body)[] Sections =
    [
        ("subjective", new { chiefComplaint = "Pain in the neck", painBefore = 6, painRegions = new[] { "neck-posterior" } }),
        ("objective", new { posture = "Guarded", triggerPoints = new[] { new { muscle = "upper-trapezius", region = "upper-trapezius-right", kind = "active", referralRegions = new[] { "neck-posterior" } } } }),
        ("treatment", new { techniques = new[] { new { region = "upper-trapezius-right", muscle = "upper-trapezius", kind = "alternating-ischemic-compression", cycles = 4, holdSeconds = 10, pressure = "firm", discomfort = 5 } } }),
        ("assessment", new { assessment = "Referral pattern reproduced and eased", plan = "Weekly for four weeks", painAfter = 3, homeCare = "Heat and gentle stretching" }),
    ];

    private Visit NextVisit()
    {
        var n = Interlocked.Increment(ref _nextSlot);
        var startsAt = _firstSlot + (Stride * (n / Lanes));
        if (startsAt + Stride > _endOfDay)
        {
            throw new InvalidOperationException("The clinic day is fully booked: lower NMT_BENCH_DAY_REQUESTS.");
        }

        var id = Guid.CreateVersion7();
        var client = _clients[n % ClientCount];
        return new Visit(id, client, new BookAppointment(id, client, LocationId, _therapists[n % Lanes], "NMT-30", startsAt));
    }

    private static Task Advance(Visit visit, HttpResponseMessage response)
    {
        visit.Step++;
        if (response.Headers.ETag is { } etag)
        {
            visit.ETag = etag.Tag;
        }

        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_gateway, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _http.SendAsync(request);
    }

    private static string Title(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    /// <summary>A visit in progress: 0 book, 1 check in, 2 read the opened note, 3-6 its sections, 7 sign, 8 done.</summary>
    private sealed class Visit(Guid id, Guid clientId, BookAppointment booking)
    {
        public Guid Id { get; } = id;

        public Guid ClientId { get; } = clientId;

        public BookAppointment Booking { get; } = booking;

        public int Step { get; set; }

        public string? ETag { get; set; }
    }
}
