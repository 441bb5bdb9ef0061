using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// A clinic of one test's own, so that what it books, closes or changes meets no other test: in New York,
/// open 08:00-20:00 every day, two rooms, two therapists offering NMT-60 and working 09:00-17:00; with a
/// front desk and a manager of it.
/// </summary>
internal sealed record OwnClinic(Guid Id, Guid Room1, Guid Room2, Guid Therapist1, Guid Therapist2, HttpClient Desk, HttpClient Manager) : IDisposable
{
    public const string TimeZoneId = "America/New_York";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static async Task<OwnClinic> OpenAsync(SchedulingFixture fixture, string name, string therapist1Name, string therapist2Name)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var id = Guid.CreateVersion7();
        var (room1, room2, therapist1, therapist2) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var hours = DayHours.EveryDay(new TimeOnly(9, 0), new TimeOnly(17, 0));
        using var admin = fixture.World.Admin;
        await new PracticeBuilder()
            .Location(new OpenLocation(id, name, PostalAddress.Boston("4 Jersey St"), TimeZoneId, DayHours.EveryDay(new TimeOnly(8, 0), new TimeOnly(20, 0))))
            .Room(new AddRoom(room1, "Room 1"))
            .Room(new AddRoom(room2, "Room 2"))
            .Therapist(new RegisterTherapist(therapist1, therapist1Name, ["NMT-60"]), hours)
            .Therapist(new RegisterTherapist(therapist2, therapist2Name, ["NMT-60"]), hours)
            .BuildAsync(admin, TestContext.Current.CancellationToken);
        return new OwnClinic(id, room1, room2, therapist1, therapist2,
            fixture.Host.CreateClientAs(NmtRoles.FrontDesk, id), fixture.Host.CreateClientAs(NmtRoles.ClinicManager, id));
    }

    /// <summary>A local time in New York, <paramref name="daysAhead"/> days from today.</summary>
    public static DateTimeOffset At(int daysAhead, int hour, int minute = 0) =>
        Practice.WeeklySchedule.InZone(
            Practice.WeeklySchedule.ToInstant(Practice.WeeklySchedule.LocalDate(DateTimeOffset.UtcNow, Zone).AddDays(daysAhead), new TimeOnly(hour, minute), Zone), Zone);

    public void Dispose()
    {
        Desk.Dispose();
        Manager.Dispose();
    }
}
