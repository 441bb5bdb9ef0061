using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

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
    public object NextBooking()
    {
        var n = Interlocked.Increment(ref _next);
        var lane = n % TherapistCount;
        var k = n / TherapistCount;
        var startsAt = FirstDay.AddDays(k / SlotsPerDay) + (Stride * (k % SlotsPerDay));
        return new
        {
            appointmentId = Guid.CreateVersion7(),
            clientId = Clients[(lane * 2) + (k % 2)],
            locationId = LocationId,
            therapistId = Therapists[lane],
            serviceCode = "NMT-30",
            startsAt,
        };
    }

    public static async Task<BenchPractice> CreateAsync(HttpClient http, BenchSettings settings, string token)
    {
        var location = Guid.CreateVersion7();
        var week = Enum.GetValues<DayOfWeek>().Select(day => new { day, from = "00:00", to = "23:59" }).ToArray();
        await SendAsync(http, settings, token, HttpMethod.Post, "api/scheduling/services",
            new { code = "NMT-30", name = "Neuromuscular therapy, 30 minutes", durationMinutes = 30, bufferMinutes = 10, price = 55m, currency = "USD" }, allowConflict: true);
        await SendAsync(http, settings, token, HttpMethod.Post, "api/scheduling/locations", new
        {
            locationId = location,
            name = $"Bench {DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}",
            address = new { line1 = "1 Loopback Way", city = "Boston", region = "MA", postalCode = "02116", country = "US" },
            timeZone = "Etc/UTC",
            openingHours = week,
        });
        var therapists = new List<Guid>();
        for (var i = 0; i < TherapistCount; i++)
        {
            await SendAsync(http, settings, token, HttpMethod.Post, $"api/scheduling/locations/{location}/rooms", new { name = $"Room {i + 1}" });
            var therapist = Guid.CreateVersion7();
            await SendAsync(http, settings, token, HttpMethod.Post, "api/scheduling/therapists", new { therapistId = therapist, name = $"Bench therapist {i + 1}", services = Services });
            await SendAsync(http, settings, token, HttpMethod.Put, $"api/scheduling/therapists/{therapist}/locations/{location}/hours", new { hours = week });
            therapists.Add(therapist);
        }

        var clients = new List<Guid>();
        for (var i = 0; i < TherapistCount * 2; i++)
        {
            var client = Guid.CreateVersion7();
            await SendAsync(http, settings, token, HttpMethod.Post, "api/intake/clients", new
            {
                clientId = client,
                locationId = location,
                name = new { given = "Bench", family = $"Client{i + 1:00}" },
                dateOfBirth = "1980-01-01",
                contact = new { email = $"bench{i + 1}@example.org" },
            });
            clients.Add(client);
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

    private static async Task SendAsync(HttpClient http, BenchSettings settings, string token, HttpMethod method, string path, object body, bool allowConflict = false)
    {
        using var response = await SendRawAsync(http, settings.Gateway, token, method, path, body);
        if (!response.IsSuccessStatusCode && !(allowConflict && response.StatusCode == HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"Setting up the bench practice failed at {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
