using NmtPractice.Contracts.Scheduling;
using NmtPractice.Scheduling.Appointments;
using NmtPractice.Scheduling.Clients;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.Scheduling.Practice.Services;
using NmtPractice.Scheduling.Practice.Therapists;
using NmtPractice.Scheduling.Reservations;

namespace NmtPractice.Scheduling.Tests;

/// <summary>A clinic in Boston with two rooms, a therapist and two services, for the pure booking tests.</summary>
internal static class BookingExamples
{
    internal static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    internal static readonly Guid RoomA = Guid.NewGuid();
    internal static readonly Guid RoomB = Guid.NewGuid();

    internal static readonly Location Clinic = new(
        Guid.NewGuid(), "Back Bay", new Address("1 St", null, "Boston", "MA", "02116", "US"), "America/New_York",
        [.. Enum.GetValues<DayOfWeek>().Select(d => new WeeklyHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0)))],
        [new Closure(Guid.NewGuid(), new DateOnly(2027, 3, 20), new DateOnly(2027, 3, 21), "Renovation")],
        [new Room(RoomB, "Room B"), new Room(RoomA, "Room A")],
        1);

    internal static readonly Therapist Sam = new(
        Guid.NewGuid(), "Sam", null, ["NMT-60"],
        [new LocationHours(Clinic.Id, [.. Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Monday).Select(d => new WeeklyHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))])],
        [new TimeOff(Guid.NewGuid(), new DateTimeOffset(2027, 3, 10, 0, 0, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2027, 3, 11, 0, 0, 0, TimeSpan.FromHours(-5)), "Course")],
        1);

    internal static readonly ServiceDefinition Nmt60 = new(Guid.NewGuid(), "NMT-60", "NMT 60", 60, 15, 95m, "USD", 1);
    internal static readonly ServiceDefinition Nmt90 = new(Guid.NewGuid(), "NMT-90", "NMT 90", 90, 15, 130m, "USD", 1);

    internal static ClientBookingStatus Client(string? screening = "Cleared", DateTimeOffset? expired = null) =>
        new(Guid.NewGuid(), Clinic.Id, "Dana R.", screening, screening is null ? null : Now.AddDays(-1), null, expired, [], []);

    internal static BookingScene Scene(ClientBookingStatus? client = null, ServiceDefinition? service = null, params Busy[] busy) =>
        new(Clinic, Sam, service ?? Nmt60, client ?? Client(), busy, Now);

    /// <summary>A local time in Boston on a date.</summary>
    internal static DateTimeOffset Boston(int day, int hour, int minute = 0) =>
        WeeklySchedule.InZone(WeeklySchedule.ToInstant(new DateOnly(2027, 3, day), new TimeOnly(hour, minute), Clinic.Zone), Clinic.Zone);
}
