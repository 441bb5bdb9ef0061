using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

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
        var (zone, first, endOfDay) = E2EPractice.DayAheadFromOneInTheMorning(DateTimeOffset.UtcNow);

        using var admin = await system.ClientForAsync("ops.admin");
        var week = DayHours.AroundTheClock;
        var practice = new PracticeBuilder()
            .Service(DefineService.Nmt30)
            .Location(new OpenLocation(Location, "Back Bay", PostalAddress.Boston("1 Main St"), zone, week));
        var therapists = new List<Guid>();
        for (var i = 0; i < Lanes; i++)
        {
            var therapist = Guid.CreateVersion7();
            practice
                .Room(new AddRoom(null, $"Room {i + 1}"))
                .Therapist(new RegisterTherapist(therapist, $"Therapist {i + 1}", ["NMT-30"]), week);
            therapists.Add(therapist);
        }

        await practice.BuildAsync(admin);
        await PracticeBuilder.NoQuietHoursAsync(admin, Location);
        return new FaultPractice(therapists, first, endOfDay);
    }

    /// <summary>Bookings handed out so far.</summary>
    public int Handed => Volatile.Read(ref _next) + 1;

    /// <summary>
    /// The next free slot for a client: later today while the day has room (the journey then checks the
    /// client in), else on the following days (a journey that only books).
    /// </summary>
    public (Guid AppointmentId, BookAppointment Body, bool Today) NextBooking(Guid clientId)
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
        return (id, new BookAppointment(id, clientId, Location, _therapists[n % Lanes], "NMT-30", startsAt), today);
    }
}
