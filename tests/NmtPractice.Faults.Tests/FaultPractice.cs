using System.Net.Http.Json;
using NmtPractice.Testing;

namespace NmtPractice.Faults.Tests;

/// <summary>
/// The clinic the fault tests load: the demo front desk's location (Back Bay), open around the clock
/// in a fixed zone where the run starts at about one in the morning, so that most of the local day can
/// be booked and checked in; once the day is full (a broker that takes long to report itself started
/// lets hundreds of journeys through), bookings go to the following days and are not checked in.
/// Twelve therapists and twelve rooms; each booking takes the next 30-minute slot of a therapist lane,
/// so bookings never conflict over a therapist.
/// </summary>
public sealed class FaultPractice
{
    public static readonly Guid Location = E2EPractice.BackBay;

    private const int Lanes = 12;
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(30);
    private readonly List<Guid> _therapists;
    private readonly DateTimeOffset _first;
    private readonly DateTimeOffset _endOfDay;
    private int _next = -1;

    private FaultPractice(List<Guid> therapists, DateTimeOffset first, DateTimeOffset endOfDay)
    {
        _therapists = therapists;
        _first = first;
        _endOfDay = endOfDay;
    }

    public static async Task<FaultPractice> SetUpAsync(RunningSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var now = DateTimeOffset.UtcNow;
        var (zone, offset) = E2EPractice.ZoneWhereItIs(1, now);
        var local = now.ToOffset(offset);
        var first = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, offset).AddHours(1);
        var endOfDay = new DateTimeOffset(local.Year, local.Month, local.Day, 23, 59, 0, offset);

        using var admin = await system.ClientForAsync("ops.admin");
        var week = Enum.GetValues<DayOfWeek>().Select(day => new { day, from = "00:00", to = "23:59" }).ToArray();
        await PostAsync(admin, "api/scheduling/services", new { code = "NMT-30", name = "NMT 30 minutes", durationMinutes = 30, bufferMinutes = 0, price = 55m, currency = "USD" });
        await PostAsync(admin, "api/scheduling/locations", new
        {
            locationId = Location,
            name = "Back Bay",
            address = new { line1 = "1 Main St", city = "Boston", region = "MA", postalCode = "02116", country = "US" },
            timeZone = zone,
            openingHours = week,
        });
        var therapists = new List<Guid>();
        for (var i = 0; i < Lanes; i++)
        {
            await PostAsync(admin, $"api/scheduling/locations/{Location}/rooms", new { name = $"Room {i + 1}" });
            var therapist = Guid.CreateVersion7();
            await PostAsync(admin, "api/scheduling/therapists", new { therapistId = therapist, name = $"Therapist {i + 1}", services = new[] { "NMT-30" } });
            using var hours = await admin.PutAsJsonAsync($"api/scheduling/therapists/{therapist}/locations/{Location}/hours", new { hours = week });
            hours.EnsureSuccessStatusCode();
            therapists.Add(therapist);
        }

        return new FaultPractice(therapists, first, endOfDay);
    }

    /// <summary>Bookings handed out so far.</summary>
    public int Handed => Volatile.Read(ref _next) + 1;

    /// <summary>
    /// The next free slot for a client: later today while the day has room (the journey then checks the
    /// client in), else on the following days (a journey that only books).
    /// </summary>
    public (Guid AppointmentId, object Body, bool Today) NextBooking(Guid clientId)
    {
        var n = Interlocked.Increment(ref _next);
        var startsAt = _first + (Slot * (n / Lanes));
        var today = startsAt + Slot <= _endOfDay;
        if (!today)
        {
            var perDay = (int)(TimeSpan.FromHours(23) / Slot);
            var beyond = (n / Lanes) - (int)((_endOfDay - _first) / Slot);
            var midnight = new DateTimeOffset(_endOfDay.Year, _endOfDay.Month, _endOfDay.Day, 0, 0, 0, _endOfDay.Offset);
            startsAt = midnight.AddDays(1 + (beyond / perDay)) + (Slot * (beyond % perDay));
        }

        var id = Guid.CreateVersion7();
        return (id, new { appointmentId = id, clientId, locationId = Location, therapistId = _therapists[n % Lanes], serviceCode = "NMT-30", startsAt }, today);
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
