using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Scheduling.Tests;

/// <summary>
/// Courses of care booked at once: every occurrence checked and booked like a single booking (a clash
/// refuses only its own week, with alternatives), an alternative joining the series, retries that book
/// nothing twice, and "this and following" cancelled or moved together (a move all or none). Each test
/// has a clinic of its own.
/// </summary>
public sealed class AppointmentSeriesTests(SchedulingFixture fixture) : IClassFixture<SchedulingFixture>
{
    private PracticeWorld World => fixture.World;

    private Task<OwnClinic> ClinicAsync() => OwnClinic.OpenAsync(fixture, "Seaport", "Ada Lindqvist", "Bo Kaplan");

    private static DateTimeOffset At(int daysAhead, int hour, int minute = 0) => OwnClinic.At(daysAhead, hour, minute);

    private static object Series(Guid client, OwnClinic clinic, DateTimeOffset startsAt, int? times = 6, string? until = null, int everyWeeks = 1, Guid? seriesId = null) =>
        new { seriesId, clientId = client, locationId = clinic.Id, therapistId = clinic.Therapist1, serviceCode = "NMT-60", startsAt, everyWeeks, times, until };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) =>
        await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, TestContext.Current.CancellationToken);

    private static async Task<JsonElement> ReadSeriesAsync(OwnClinic clinic, Guid seriesId)
    {
        using var read = await clinic.Desk.GetAsync(new Uri($"/api/scheduling/appointment-series/{seriesId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        return await JsonAsync(read);
    }

    private static List<(int Occurrence, string Status, DateTimeOffset StartsAt, Guid Therapist)> Appointments(JsonElement series) =>
        [.. series.GetProperty("appointments").EnumerateArray().Select(a => (
            a.GetProperty("occurrence").GetInt32(), a.GetProperty("status").GetString()!, a.GetProperty("startsAt").GetDateTimeOffset(), a.GetProperty("therapistId").GetGuid()))];

    [Fact]
    public async Task A_weekly_series_with_a_clash_in_week_three_books_the_other_five_and_offers_alternatives_for_the_third()
    {
        using var clinic = await ClinicAsync();
        var someoneElse = await World.ClientAsync(homeLocation: clinic.Id);
        using var blocker = await PostAsync(clinic.Desk, "/api/scheduling/appointments", new
        {
            clientId = someoneElse, locationId = clinic.Id, therapistId = clinic.Therapist1, serviceCode = "NMT-60", startsAt = At(17, 10), roomId = clinic.Room2,
        });
        Assert.Equal(HttpStatusCode.Created, blocker.StatusCode);
        var client = await World.ClientAsync(homeLocation: clinic.Id);

        using var booked = await PostAsync(clinic.Desk, "/api/scheduling/appointment-series", Series(client, clinic, At(3, 10)));

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var series = await JsonAsync(booked);
        var seriesId = series.GetProperty("seriesId").GetGuid();
        Assert.Equal($"/api/scheduling/appointment-series/{seriesId}", booked.Headers.Location!.OriginalString);
        Assert.Equal(5, series.GetProperty("booked").GetInt32());
        var occurrences = series.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], occurrences.Select(o => o.GetProperty("occurrence").GetInt32()));
        Assert.Equal(
            [At(3, 10), At(10, 10), At(17, 10), At(24, 10), At(31, 10), At(38, 10)],
            occurrences.Select(o => o.GetProperty("startsAt").GetDateTimeOffset()));
        var third = occurrences[2];
        Assert.Equal(JsonValueKind.Null, third.GetProperty("appointment").ValueKind);
        Assert.Equal("Therapist already booked", third.GetProperty("refused").GetProperty("title").GetString());
        Assert.All(occurrences.Where(o => o.GetProperty("occurrence").GetInt32() != 3), o => Assert.Equal("Booked", o.GetProperty("appointment").GetProperty("status").GetString()));

        // Alternatives that day: the same therapist at the nearest free times (10:00 holds her until 11:15), then a colleague at 10:00.
        var alternatives = third.GetProperty("alternatives").EnumerateArray()
            .Select(a => (Therapist: a.GetProperty("therapistId").GetGuid(), StartsAt: a.GetProperty("startsAt").GetDateTimeOffset())).ToList();
        Assert.Equal([(clinic.Therapist1, At(17, 11, 15)), (clinic.Therapist1, At(17, 11, 30)), (clinic.Therapist1, At(17, 11, 45)), (clinic.Therapist2, At(17, 10))], alternatives);

        // The desk picks the colleague at 10:00: a single booking that takes the third place in the series.
        using var picked = await PostAsync(clinic.Desk, "/api/scheduling/appointments", new
        {
            clientId = client, locationId = clinic.Id, therapistId = clinic.Therapist2, serviceCode = "NMT-60", startsAt = At(17, 10), seriesId, occurrence = 3,
        });
        Assert.Equal(HttpStatusCode.Created, picked.StatusCode);
        var now = Appointments(await ReadSeriesAsync(clinic, seriesId));
        Assert.Equal([1, 2, 3, 4, 5, 6], now.Select(a => a.Occurrence));
        Assert.All(now, a => Assert.Equal("Booked", a.Status));
        Assert.Equal(clinic.Therapist2, now[2].Therapist);

        // A retry of the same request books nothing twice: the five are found, the third is still refused.
        using var retried = await PostAsync(clinic.Desk, "/api/scheduling/appointment-series", Series(client, clinic, At(3, 10), seriesId: seriesId));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(5, (await JsonAsync(retried)).GetProperty("booked").GetInt32());
        Assert.Equal(6, Appointments(await ReadSeriesAsync(clinic, seriesId)).Count);

        // Another client's series cannot be joined.
        using var stranger = await PostAsync(clinic.Desk, "/api/scheduling/appointments", new
        {
            clientId = someoneElse, locationId = clinic.Id, therapistId = clinic.Therapist2, serviceCode = "NMT-60", startsAt = At(24, 14), seriesId, occurrence = 4,
        });
        Assert.Equal(HttpStatusCode.Conflict, stranger.StatusCode);
        Assert.Equal(6, Appointments(await ReadSeriesAsync(clinic, seriesId)).Count);
    }

    [Fact]
    public async Task This_and_following_are_cancelled_together_and_their_times_are_free_again()
    {
        using var clinic = await ClinicAsync();
        var client = await World.ClientAsync(homeLocation: clinic.Id);
        using var booked = await PostAsync(clinic.Desk, "/api/scheduling/appointment-series", Series(client, clinic, At(4, 14), times: null, until: $"{At(32, 14):yyyy-MM-dd}", everyWeeks: 2));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var seriesId = (await JsonAsync(booked)).GetProperty("seriesId").GetGuid();
        var series = await ReadSeriesAsync(clinic, seriesId);
        var ids = series.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([At(4, 14), At(18, 14), At(32, 14)], Appointments(series).Select(a => a.StartsAt));

        using var noReason = await PostAsync(clinic.Desk, $"/api/scheduling/appointment-series/{seriesId}/cancel", new { fromAppointmentId = ids[1] });
        using var notInSeries = await PostAsync(clinic.Desk, $"/api/scheduling/appointment-series/{seriesId}/cancel", new { fromAppointmentId = Guid.CreateVersion7(), reason = "client-request" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notInSeries.StatusCode);
        Assert.All(Appointments(await ReadSeriesAsync(clinic, seriesId)), a => Assert.Equal("Booked", a.Status));

        using var cancelled = await PostAsync(clinic.Desk, $"/api/scheduling/appointment-series/{seriesId}/cancel", new { fromAppointmentId = ids[1], reason = "client-request" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(["Booked", "Cancelled", "Cancelled"], Appointments(await JsonAsync(cancelled)).Select(a => a.Status));

        var other = await World.ClientAsync(homeLocation: clinic.Id);
        using var freed = await PostAsync(clinic.Desk, "/api/scheduling/appointments", new
        {
            clientId = other, locationId = clinic.Id, therapistId = clinic.Therapist1, serviceCode = "NMT-60", startsAt = At(32, 14),
        });
        Assert.Equal(HttpStatusCode.Created, freed.StatusCode);
        using var again = await PostAsync(clinic.Desk, $"/api/scheduling/appointment-series/{seriesId}/cancel", new { fromAppointmentId = ids[1], reason = "client-request" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task This_and_following_move_together_to_a_new_day_and_time_or_not_at_all()
    {
        using var clinic = await ClinicAsync();
        var client = await World.ClientAsync(homeLocation: clinic.Id);
        using var booked = await PostAsync(clinic.Desk, "/api/scheduling/appointment-series", Series(client, clinic, At(5, 9), times: 4));
        var seriesId = (await JsonAsync(booked)).GetProperty("seriesId").GetGuid();
        var ids = (await ReadSeriesAsync(clinic, seriesId)).GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        // Someone else holds the therapist on the new day of the fourth occurrence: nothing moves.
        var other = await World.ClientAsync(homeLocation: clinic.Id);
        using var blocker = await PostAsync(clinic.Desk, "/api/scheduling/appointments", new
        {
            clientId = other, locationId = clinic.Id, therapistId = clinic.Therapist1, serviceCode = "NMT-60", startsAt = At(27, 15),
        });
        Assert.Equal(HttpStatusCode.Created, blocker.StatusCode);
        using var refused = await PostAsync(clinic.Desk, $"/api/scheduling/appointment-series/{seriesId}/move", new { fromAppointmentId = ids[1], startsAt = At(13, 15) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await JsonAsync(refused);
        var blocked = Assert.Single(problem.GetProperty("occurrences").EnumerateArray());
        Assert.Equal((ids[3], "Therapist already booked"), (blocked.GetProperty("appointmentId").GetGuid(), blocked.GetProperty("title").GetString()));
        Assert.Equal([At(5, 9), At(12, 9), At(19, 9), At(26, 9)], Appointments(await ReadSeriesAsync(clinic, seriesId)).Select(a => a.StartsAt));

        // To the colleague, a day later at 15:00: the second to the fourth move, the first stays.
        using var moved = await PostAsync(clinic.Desk, $"/api/scheduling/appointment-series/{seriesId}/move", new { fromAppointmentId = ids[1], startsAt = At(13, 15), therapistId = clinic.Therapist2 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = Appointments(await JsonAsync(moved));
        Assert.Equal([At(5, 9), At(13, 15), At(20, 15), At(27, 15)], after.Select(a => a.StartsAt));
        Assert.Equal([clinic.Therapist1, clinic.Therapist2, clinic.Therapist2, clinic.Therapist2], after.Select(a => a.Therapist));

        // Their old times are free again.
        using var oldTime = await PostAsync(clinic.Desk, "/api/scheduling/appointments", new
        {
            clientId = other, locationId = clinic.Id, therapistId = clinic.Therapist1, serviceCode = "NMT-60", startsAt = At(19, 9),
        });
        Assert.Equal(HttpStatusCode.Created, oldTime.StatusCode);
    }

    [Fact]
    public async Task A_series_request_that_cannot_be_right_is_refused_whole_and_books_nothing()
    {
        using var clinic = await ClinicAsync();
        var client = await World.ClientAsync(homeLocation: clinic.Id);
        var contraindicated = await World.ClientAsync(screening: "Contraindicated", homeLocation: clinic.Id);
        async Task<(HttpStatusCode Status, JsonElement Body)> TryAsync(object body)
        {
            using var response = await PostAsync(clinic.Desk, "/api/scheduling/appointment-series", body);
            return (response.StatusCode, await JsonAsync(response));
        }

        var both = await TryAsync(Series(client, clinic, At(3, 10), times: 3, until: $"{At(40, 10):yyyy-MM-dd}"));
        var neither = await TryAsync(Series(client, clinic, At(3, 10), times: null));
        var tooMany = await TryAsync(Series(client, clinic, At(3, 10), times: 53));
        var tooOften = await TryAsync(Series(client, clinic, At(3, 10), everyWeeks: 0));
        var tooLong = await TryAsync(Series(client, clinic, At(3, 10), times: null, until: $"{At(3 + (7 * 60), 10):yyyy-MM-dd}"));
        var past = await TryAsync(Series(client, clinic, At(-7, 10)));
        var screenedOut = await TryAsync(Series(contraindicated, clinic, At(3, 10)));
        using var elsewhere = fixture.Host.CreateClientAs(NmtRoles.FrontDesk, Guid.CreateVersion7());
        using var foreign = await PostAsync(elsewhere, "/api/scheduling/appointment-series", Series(client, clinic, At(3, 10)));

        Assert.Equal((HttpStatusCode.BadRequest, true), (both.Status, both.Body.GetProperty("errors").TryGetProperty("times", out _)));
        Assert.Equal((HttpStatusCode.BadRequest, true), (neither.Status, neither.Body.GetProperty("errors").TryGetProperty("times", out _)));
        Assert.Equal((HttpStatusCode.BadRequest, true), (tooMany.Status, tooMany.Body.GetProperty("errors").TryGetProperty("times", out _)));
        Assert.Equal((HttpStatusCode.BadRequest, true), (tooOften.Status, tooOften.Body.GetProperty("errors").TryGetProperty("everyWeeks", out _)));
        Assert.Equal((HttpStatusCode.BadRequest, true), (tooLong.Status, tooLong.Body.GetProperty("errors").TryGetProperty("until", out _)));
        Assert.Equal((HttpStatusCode.BadRequest, true), (past.Status, past.Body.GetProperty("errors").TryGetProperty("startsAt", out _)));
        Assert.Equal((HttpStatusCode.Conflict, "Client contraindicated"), (screenedOut.Status, screenedOut.Body.GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var calendar = await clinic.Desk.GetAsync(new Uri($"/api/scheduling/clients/{client}/appointments", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await JsonAsync(calendar)).GetProperty("upcoming").GetArrayLength());
    }
}
