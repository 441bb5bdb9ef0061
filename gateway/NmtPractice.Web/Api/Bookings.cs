namespace NmtPractice.Web.Api;

/// <summary>A booking as the desk asks scheduling for it (the Book page, a click on the calendar, a waitlist offer).</summary>
/// <param name="AppointmentId">Chosen here, so that sending the same booking again is safe.</param>
/// <param name="ClientId">The client (intake's id).</param>
/// <param name="LocationId">Where.</param>
/// <param name="TherapistId">With whom.</param>
/// <param name="ServiceCode">The service booked (its length and buffer come with it).</param>
/// <param name="StartsAt">The start, with the location's offset.</param>
/// <param name="RoomId">A room the desk chose (the calendar's room view), or none for any free room.</param>
/// <param name="WaitlistEntryId">The waitlist entry the booking fulfils, if any.</param>
/// <param name="SeriesId">The series whose refused occurrence this booking takes instead, if any.</param>
/// <param name="Occurrence">Which occurrence of that series.</param>
public sealed record BookingRequest(
    Guid AppointmentId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, DateTimeOffset StartsAt,
    Guid? RoomId = null, Guid? WaitlistEntryId = null, Guid? SeriesId = null, int? Occurrence = null);

/// <summary>A course of care as the desk asks scheduling for it: every <paramref name="EveryWeeks"/> weeks, <paramref name="Times"/> times.</summary>
/// <param name="SeriesId">Chosen here, so that sending the same series again books nothing twice.</param>
/// <param name="ClientId">The client (intake's id).</param>
/// <param name="LocationId">Where.</param>
/// <param name="TherapistId">With whom, every time.</param>
/// <param name="ServiceCode">The service, every time.</param>
/// <param name="StartsAt">The first session's start; the others are at the same local time.</param>
/// <param name="EveryWeeks">Weeks between sessions.</param>
/// <param name="Times">How many sessions.</param>
public sealed record SeriesRequest(
    Guid SeriesId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, DateTimeOffset StartsAt, int EveryWeeks, int Times);

/// <summary>One way to book, for every page that books.</summary>
internal static class Bookings
{
    private const int UnknownClientAttempts = 10;
    private static readonly TimeSpan UnknownClientPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Books through scheduling. A client registered a moment ago reaches scheduling within seconds
    /// (intake's event): while scheduling answers "Unknown client" the same booking is sent again
    /// quietly, for up to five seconds; every other answer is returned as it is.
    /// </summary>
    public static Task<ApiResult<AppointmentView>> BookAsync(this GatewayApi api, BookingRequest booking, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return PostAsync<AppointmentView>(api, "api/scheduling/appointments", booking, time);
    }

    /// <summary>Books a course of care through scheduling, as <see cref="BookAsync"/> does one booking.</summary>
    public static Task<ApiResult<SeriesView>> BookSeriesAsync(this GatewayApi api, SeriesRequest series, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(series);
        return PostAsync<SeriesView>(api, "api/scheduling/appointment-series", series, time);
    }

    private static async Task<ApiResult<T>> PostAsync<T>(GatewayApi api, string path, object body, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(time);
        var result = await api.PostAsync<T>(path, body);
        for (var attempt = 1; attempt < UnknownClientAttempts && result.Problem?.Title == "Unknown client"; attempt++)
        {
            await Task.Delay(UnknownClientPause, time);
            result = await api.PostAsync<T>(path, body);
        }

        return result;
    }
}
