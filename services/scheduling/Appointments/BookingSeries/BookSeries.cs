using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using NmtPractice.Scheduling.Appointments.BookingAppointment;
using NmtPractice.Scheduling.Availability.FindingAvailability;

namespace NmtPractice.Scheduling.Appointments.BookingSeries;

/// <summary>What the front desk sends to book a course of care at once.</summary>
/// <param name="SeriesId">Optional id chosen by the caller, which makes a retried request safe.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist of every occurrence.</param>
/// <param name="ServiceCode">The service of every occurrence.</param>
/// <param name="StartsAt">The first occurrence's start; the others are at the same local time.</param>
/// <param name="EveryWeeks">Weeks between occurrences (1 to 12).</param>
/// <param name="Times">How many occurrences (2 to 52), or give <paramref name="Until"/>.</param>
/// <param name="Until">The last local day an occurrence may fall on, or give <paramref name="Times"/>.</param>
/// <param name="RoomId">A room for every occurrence; the first free room of each when omitted.</param>
public sealed record BookSeriesRequest(
    Guid? SeriesId,
    [property: Required] Guid? ClientId,
    [property: Required] Guid? LocationId,
    [property: Required] Guid? TherapistId,
    [property: Required, StringLength(32, MinimumLength = 2), RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]*$")] string? ServiceCode,
    [property: Required] DateTimeOffset? StartsAt,
    int? EveryWeeks,
    int? Times,
    DateOnly? Until,
    Guid? RoomId = null);

/// <summary>Why an occurrence was not booked: the same title and detail a single booking would get.</summary>
public sealed record Refusal(string Title, string Detail);

/// <summary>
/// One occurrence of a series: booked (its appointment), or refused (why, and free times that day to
/// pick instead: the same therapist at the nearest times first, then colleagues each at their nearest time).
/// </summary>
public sealed record SeriesOccurrence(int Occurrence, DateTimeOffset StartsAt, AppointmentResponse? Appointment, Refusal? Refused, IReadOnlyList<FreeSlot> Alternatives);

/// <summary>A series as booked: each occurrence and what became of it.</summary>
public sealed record SeriesResponse(Guid SeriesId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, int Booked, IReadOnlyList<SeriesOccurrence> Occurrences);

/// <summary>
/// <c>POST /api/scheduling/appointment-series</c>: books a course of care (every N weeks, M times or
/// until a day, same therapist, time and service). Each occurrence is checked and booked like a single
/// booking, on its own, so a clash in week three does not stop weeks four to six; the answer says which
/// were booked and why the others were not, with alternatives that day. The desk books an alternative
/// as a single booking naming the series and occurrence. 201 when any occurrence was booked; 409 with
/// the occurrences when none could be. The client's screening and the caller's access are checked once,
/// before anything is booked.
/// </summary>
internal static class BookSeriesEndpoint
{
    /// <summary>How many other times with the same therapist are offered for a refused occurrence.</summary>
    private const int MaxSameTherapist = 3;

    /// <summary>How many colleagues (each at their time nearest the one asked for) are offered for a refused occurrence.</summary>
    private const int MaxColleagues = 2;

    internal static async Task<Created<SeriesResponse>> Handle(
        BookSeriesRequest request,
        RecordWriter writer,
        SlotReservations reservations,
        CurrentUser user,
        ClientReaches reaches,
        TimeProvider time,
        IOptions<SchedulingOptions> options,
        CancellationToken cancellationToken)
    {
        var everyWeeks = request.EveryWeeks ?? 1;
        new InputErrors()
            .Require(request.SeriesId != Guid.Empty, "seriesId", "Must be a non-empty id.")
            .Require(everyWeeks is >= 1 and <= SeriesPlan.MaxEveryWeeks, "everyWeeks", $"1 to {SeriesPlan.MaxEveryWeeks}.")
            .Require(request.Times is null ^ request.Until is null, "times", "Give either 'times' or 'until'.")
            .Require(request.Times is null or (>= 2 and <= SeriesPlan.MaxOccurrences), "times", $"2 to {SeriesPlan.MaxOccurrences}.")
            .ThrowIfAny();
        user.EnsureCanAccess(request.LocationId!.Value);
        await reaches.EnsureMayServeAtAsync(request.ClientId!.Value, request.LocationId.Value, cancellationToken);

        // The scene of the first occurrence: unknown ids are 404, a client who may not be booked is refused for the whole series.
        var now = time.GetUtcNow();
        var session = writer.Session;
        var first = await BookingScene.LoadAsync(
            session, reservations, request.LocationId.Value, request.TherapistId!.Value, request.ServiceCode!, request.ClientId.Value, request.StartsAt!.Value, now, cancellationToken);
        BookingRules.ClientGate(first.Client);
        var zone = first.Location.Zone;
        if (request.Until is { } until)
        {
            var count = SeriesPlan.CountUntil(request.StartsAt.Value, everyWeeks, until, zone);
            new InputErrors()
                .Require(count >= 2, "until", "Leaves room for at least two occurrences.")
                .Require(count <= SeriesPlan.MaxOccurrences, "until", $"At most {SeriesPlan.MaxOccurrences} occurrences in a series.")
                .ThrowIfAny();
        }

        var start = request.StartsAt.Value;
        new InputErrors()
            .Require(start > now, "startsAt", "An appointment cannot start in the past.")
            .Require(start.Second == 0 && start.Millisecond == 0 && start.Minute % 5 == 0, "startsAt", "Appointments start on a 5-minute boundary.")
            .ThrowIfAny();
        var plan = SeriesPlan.Occurrences(start, everyWeeks, request.Times, request.Until, zone);

        var seriesId = request.SeriesId ?? Guid.CreateVersion7();
        var occurrences = new List<SeriesOccurrence>();
        foreach (var planned in plan)
        {
            var appointmentId = SeriesPlan.AppointmentId(seriesId, planned.Occurrence);
            if (await session.LoadAsync<Appointment>(appointmentId, cancellationToken) is { } already)
            {
                // A retried request: this occurrence was booked by it before (and may have been moved since).
                occurrences.Add(new SeriesOccurrence(planned.Occurrence, WeeklySchedule.InZone(planned.StartsAt, zone), AppointmentResponse.From(already, zone, first.Client?.DisplayName), null, []));
                continue;
            }

            var single = new BookAppointmentRequest(
                appointmentId, request.ClientId, request.LocationId, request.TherapistId, request.ServiceCode, planned.StartsAt, request.RoomId);
            try
            {
                var booked = await BookAppointmentEndpoint.BookAsync(single, new SeriesPlace(seriesId, planned.Occurrence), writer, reservations, user, now, cancellationToken);
                occurrences.Add(new SeriesOccurrence(
                    planned.Occurrence, WeeklySchedule.InZone(planned.StartsAt, zone), AppointmentResponse.From(booked.Appointment, zone, first.Client?.DisplayName), null, []));
            }
            catch (ProblemException refused) when (refused.StatusCode == StatusCodes.Status409Conflict)
            {
                var alternatives = await AlternativesAsync(session, reservations, first, planned.StartsAt, now, options.Value.SlotGranularity, cancellationToken);
                occurrences.Add(new SeriesOccurrence(
                    planned.Occurrence, WeeklySchedule.InZone(planned.StartsAt, zone), null, new Refusal(refused.Title, refused.Message), alternatives));
            }
        }

        var response = new SeriesResponse(
            seriesId, request.ClientId.Value, request.LocationId.Value, first.Therapist.Id, first.Service.Code, occurrences.Count(o => o.Appointment is not null), occurrences);
        if (response.Booked == 0)
        {
            throw new ConflictException("No occurrence booked", "None of the series' occurrences could be booked; see each occurrence's reason and alternatives.")
                .With("occurrences", occurrences);
        }

        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/appointment-series/{seriesId}", response);
    }

    /// <summary>
    /// Free times on the occurrence's local day for the same service: the same therapist at the times
    /// nearest the one asked for, then colleagues each at their time nearest to it (each group in time order).
    /// </summary>
    internal static async Task<IReadOnlyList<FreeSlot>> AlternativesAsync(
        IQuerySession session, SlotReservations reservations, BookingScene scene, DateTimeOffset startsAt, DateTimeOffset now, TimeSpan step, CancellationToken cancellationToken)
    {
        var location = scene.Location;
        var zone = location.Zone;
        var day = WeeklySchedule.LocalDate(startsAt, zone);
        var therapists = (await session.Query<Therapist>().ToListAsync(cancellationToken))
            .Where(t => t.LocationIds.Contains(location.Id) && t.Services.Contains(scene.Service.Code))
            .ToList();
        var window = new Span(WeeklySchedule.ToInstant(day, TimeOnly.MinValue, zone), WeeklySchedule.ToInstant(day.AddDays(1), TimeOnly.MinValue, zone).AddHours(2));
        var busy = await reservations.BusyAsync([.. therapists.Select(t => t.Id), .. location.Rooms.Select(r => r.Id)], window, cancellationToken);
        var free = FindAvailabilityEndpoint.Search(location, scene.Service, therapists, busy, day, day, now, step)
            .OrderBy(slot => (slot.StartsAt - startsAt).Duration())
            .ThenBy(slot => slot.StartsAt)
            .ToList();
        var sameTherapist = free.Where(slot => slot.TherapistId == scene.Therapist.Id).Take(MaxSameTherapist);
        var colleagues = free.Where(slot => slot.TherapistId != scene.Therapist.Id).DistinctBy(slot => slot.TherapistId).Take(MaxColleagues);
        return [.. sameTherapist.OrderBy(slot => slot.StartsAt).Concat(colleagues.OrderBy(slot => slot.StartsAt))
            .Select(slot => slot with { StartsAt = WeeklySchedule.InZone(slot.StartsAt, zone), EndsAt = WeeklySchedule.InZone(slot.EndsAt, zone) })];
    }
}
