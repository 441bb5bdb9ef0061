using NmtPractice.Web.Api;

namespace NmtPractice.Web.Components.FrontDesk;

/// <summary>
/// A column of the calendar grid: a therapist or a room on one day, or one day of the week. What a
/// drop or a click on it means: that day, and that therapist or room when the column is one.
/// </summary>
public sealed record CalendarColumn(string Key, string Title, string? Subtitle, DateOnly Date, Guid? TherapistId, Guid? RoomId, bool Closed, IReadOnlyList<PlacedAppointment> Appointments);

/// <summary>An appointment and where it sits in its column: its lane among overlapping ones.</summary>
public sealed record PlacedAppointment(AppointmentView Appointment, int Lane, int Lanes);

/// <summary>The calendar's geometry and the turning of grid positions into times at the location.</summary>
internal static class CalendarGrid
{
    public const int FirstHour = 7;
    public const int LastHour = 21;
    public const int SnapMinutes = 15;

    /// <summary>CSS pixels per minute: an hour is 72 px, a quarter of an hour 18 px.</summary>
    public const double MinuteHeight = 1.2;

    /// <summary>Side-by-side lanes for appointments that overlap (a week column holds every therapist's).</summary>
    public static IReadOnlyList<PlacedAppointment> Place(IEnumerable<AppointmentView> appointments)
    {
        var ordered = appointments.OrderBy(appointment => appointment.StartsAt).ThenBy(appointment => appointment.EndsAt).ToList();
        var placed = new List<(AppointmentView Appointment, int Lane, int Group)>();
        var laneEnds = new List<DateTimeOffset>();
        var group = 0;
        var groupEnd = DateTimeOffset.MinValue;
        foreach (var appointment in ordered)
        {
            if (appointment.StartsAt >= groupEnd)
            {
                group++;
                laneEnds.Clear();
            }

            var lane = laneEnds.FindIndex(end => end <= appointment.StartsAt);
            if (lane < 0)
            {
                lane = laneEnds.Count;
                laneEnds.Add(appointment.EndsAt);
            }
            else
            {
                laneEnds[lane] = appointment.EndsAt;
            }

            groupEnd = appointment.EndsAt > groupEnd ? appointment.EndsAt : groupEnd;
            placed.Add((appointment, lane, group));
        }

        var lanesPerGroup = placed.GroupBy(item => item.Group).ToDictionary(items => items.Key, items => items.Max(item => item.Lane) + 1);
        return [.. placed.Select(item => new PlacedAppointment(item.Appointment, item.Lane, lanesPerGroup[item.Group]))];
    }

    /// <summary>Minutes from the grid's first hour to a local time.</summary>
    public static double MinutesFromTop(DateTimeOffset local) => (local.TimeOfDay - TimeSpan.FromHours(FirstHour)).TotalMinutes;

    /// <summary>The instant at a position of a day's column (minutes from the first hour), in the location's zone.</summary>
    public static DateTimeOffset At(DateOnly date, int minutesFromTop, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var snapped = minutesFromTop / SnapMinutes * SnapMinutes;
        var local = date.ToDateTime(new TimeOnly(FirstHour, 0)).AddMinutes(Math.Clamp(snapped, 0, ((LastHour - FirstHour) * 60) - SnapMinutes));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
