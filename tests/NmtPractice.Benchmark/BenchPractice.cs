using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NmtPractice.Testing.Practice;

namespace NmtPractice.Benchmark;

/// <summary>
/// A clinic of its own for each run, open around the clock in UTC, with eight therapists and
/// rooms and sixteen clients, so that the run's bookings never meet the demo data or an earlier run.
/// Each request books the next free 30-minute slot of a therapist lane a year ahead.
/// </summary>
internal sealed class BenchPractice
{
    private const int TherapistCount = 8;
    private const int SlotsPerDay = 36;
    private static readonly TimeSpan Stride = TimeSpan.FromMinutes(40);
    private static readonly string[] Services = ["NMT-30"];
    private int _next = -1;

    private BenchPractice(Guid locationId, IReadOnlyList<Guid> therapists, IReadOnlyList<Guid> clients, DateTimeOffset firstDay)
    {
        LocationId = locationId;
        Therapists = therapists;
        Clients = clients;
        FirstDay = firstDay;
    }

    public Guid LocationId { get; }

    public IReadOnlyList<Guid> Therapists { get; }

    public IReadOnlyList<Guid> Clients { get; }

    public DateTimeOffset FirstDay { get; }

    /// <summary>The booking request for the next slot; lanes (therapist and its two clients) never overlap.</summary>
    public BookAppointment NextBooking()
    {
        var n = Interlocked.Increment(ref _next);
        var lane = n % TherapistCount;
        var k = n / TherapistCount;
        var startsAt = FirstDay.AddDays(k / SlotsPerDay) + (Stride * (k % SlotsPerDay));
        return new BookAppointment(Guid.CreateVersion7(), Clients[(lane * 2) + (k % 2)], LocationId, Therapists[lane], "NMT-30", startsAt);
    }

    public static async Task<BenchPractice> CreateAsync(HttpClient http, BenchSettings settings, string token)
    {
        var location = Guid.CreateVersion7();
        var week = DayHours.AroundTheClock;
        using var admin = new HttpClient { BaseAddress = settings.Gateway, Timeout = http.Timeout };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The service may be there from an earlier run against the same system.
        var builder = new PracticeBuilder()
            .Service(new DefineService("NMT-30", "Neuromuscular therapy, 30 minutes", 30, 10, 55m, "USD"), mayExist: true)
            .Location(new OpenLocation(location, $"Bench {DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}", PostalAddress.Boston("1 Loopback Way"), "Etc/UTC", week));
        var therapists = new List<Guid>();
        for (var i = 0; i < TherapistCount; i++)
        {
            var therapist = Guid.CreateVersion7();
            builder
                .Room(new AddRoom(null, $"Room {i + 1}"))
                .Therapist(new RegisterTherapist(therapist, $"Bench therapist {i + 1}", Services), week);
            therapists.Add(therapist);
        }

        await builder.BuildAsync(admin);
        var clients = new List<Guid>();
        for (var i = 0; i < TherapistCount * 2; i++)
        {
            clients.Add(await PracticeBuilder.RegisterClientAsync(admin, new RegisterClient(
                Guid.CreateVersion7(), location, new ClientName("Bench", $"Client{i + 1:00}"), new DateOnly(1980, 1, 1), new ClientContact($"bench{i + 1}@example.org"))));
        }

        var practice = new BenchPractice(location, therapists, clients, new DateTimeOffset(DateTime.UtcNow.Date.AddDays(365), TimeSpan.Zero));

        // Scheduling learns of the clients from intake's events: wait until each can be booked (these
        // bookings are the warm-up and are not counted).
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        for (var i = 0; i < TherapistCount * 2; i++)
        {
            while (true)
            {
                using var response = await SendRawAsync(http, settings.Gateway, token, HttpMethod.Post, "api/scheduling/appointments", practice.NextBooking());
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    break;
                }

                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"The warm-up booking failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                await Task.Delay(200);
            }
        }

        return practice;
    }

    public static async Task<HttpResponseMessage> SendRawAsync(HttpClient http, Uri baseAddress, string token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
