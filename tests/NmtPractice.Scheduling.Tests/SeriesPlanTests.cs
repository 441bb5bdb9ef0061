using NmtPractice.Scheduling.Appointments.BookingSeries;
using NmtPractice.Scheduling.Practice;

namespace NmtPractice.Scheduling.Tests;

/// <summary>The dates of a series, pure: same local time across clock changes, a count or a last day, at most a year of weeks, and ids that follow from the series.</summary>
public sealed class SeriesPlanTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Occurrences_keep_the_local_time_across_a_clock_change_and_stop_at_the_count_or_the_last_day()
    {
        var first = WeeklySchedule.ToInstant(new DateOnly(2027, 3, 4), new TimeOnly(10, 0), Zone);

        var weekly = SeriesPlan.Occurrences(first, 1, times: 3, until: null, Zone);
        var fortnightly = SeriesPlan.Occurrences(first, 2, times: null, until: new DateOnly(2027, 4, 1), Zone);

        // Clocks go forward in New York on 14 March 2027: 10:00 is 15:00 UTC on the 4th and 11th, 14:00 UTC on the 18th.
        Assert.Equal([15, 15, 14], weekly.Select(o => o.StartsAt.UtcDateTime.Hour));
        Assert.All(weekly, o => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.StartsAt, Zone).DateTime)));
        Assert.Equal([1, 2, 3], weekly.Select(o => o.Occurrence));
        Assert.Equal([new DateOnly(2027, 3, 4), new DateOnly(2027, 3, 18), new DateOnly(2027, 4, 1)], fortnightly.Select(o => WeeklySchedule.LocalDate(o.StartsAt, Zone)));
        Assert.Equal(3, SeriesPlan.CountUntil(first, 2, new DateOnly(2027, 4, 1), Zone));
        Assert.Equal(2, SeriesPlan.CountUntil(first, 2, new DateOnly(2027, 3, 31), Zone));
        Assert.Equal(SeriesPlan.MaxOccurrences, SeriesPlan.Occurrences(first, 1, times: null, until: new DateOnly(2030, 1, 1), Zone).Count);
        var series = Guid.Parse("0190f5a4-0000-7000-8000-000000000001");
        Assert.Equal(SeriesPlan.AppointmentId(series, 2), SeriesPlan.AppointmentId(Guid.Parse(series.ToString()), 2));
        Assert.NotEqual(SeriesPlan.AppointmentId(series, 2), SeriesPlan.AppointmentId(series, 3));
        Assert.Equal(8, SeriesPlan.AppointmentId(series, 2).Version);
    }

    [Fact]
    public void An_occurrences_id_is_a_version_8_id_that_only_its_series_and_place_give_and_never_changes()
    {
        var series = Guid.Parse("0190f5a4-0000-7000-8000-000000000001");
        var other = Guid.Parse("0190f5a4-0000-7000-8000-000000000002");

        // Pinned: a retried request must find the occurrences it booked before, across versions of the service.
        Assert.Equal(Guid.Parse("f07ddd8b-83ce-8996-8211-3f7f624eded6"), SeriesPlan.AppointmentId(series, 2));
        Assert.Equal(Guid.Parse("281c8ba5-f42b-881f-a63a-ea6251d93aea"), SeriesPlan.AppointmentId(series, 3));
        Assert.NotEqual(SeriesPlan.AppointmentId(series, 2), SeriesPlan.AppointmentId(other, 2));
        Assert.All(Enumerable.Range(1, 52).Select(place => SeriesPlan.AppointmentId(other, place).ToString()), id =>
        {
            Assert.Equal('8', id[14]);
            Assert.Contains(id[19], "89ab");
        });
    }

    [Fact]
    public void A_plan_needs_the_locations_time_zone()
    {
        var first = WeeklySchedule.ToInstant(new DateOnly(2027, 3, 4), new TimeOnly(10, 0), Zone);

        Assert.Throws<ArgumentNullException>(() => SeriesPlan.Occurrences(first, 1, 2, null, null!));
        Assert.Throws<ArgumentNullException>(() => SeriesPlan.CountUntil(first, 1, new DateOnly(2027, 4, 1), null!));
    }

    [Fact]
    public void A_last_day_before_the_first_session_plans_nothing_and_a_count_stops_early()
    {
        var first = WeeklySchedule.ToInstant(new DateOnly(2027, 3, 4), new TimeOnly(10, 0), Zone);

        Assert.Empty(SeriesPlan.Occurrences(first, 1, times: null, until: new DateOnly(2027, 3, 3), Zone));
        Assert.Equal(0, SeriesPlan.CountUntil(first, 1, new DateOnly(2027, 3, 3), Zone));
        Assert.Equal(1, SeriesPlan.CountUntil(first, 1, new DateOnly(2027, 3, 4), Zone));
        Assert.Equal(2, SeriesPlan.Occurrences(first, 3, times: 2, until: null, Zone).Count);
        Assert.Equal(new DateOnly(2027, 3, 25), WeeklySchedule.LocalDate(SeriesPlan.Occurrences(first, 3, times: 2, until: null, Zone)[1].StartsAt, Zone));
        Assert.Equal(2, SeriesPlan.Occurrences(first, 1, times: 5, until: new DateOnly(2027, 3, 11), Zone).Count);
    }
}
