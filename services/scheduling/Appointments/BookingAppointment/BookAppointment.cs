using System.ComponentModel.DataAnnotations;
using NmtPractice.Scheduling.Appointments.BookingSeries;
using NmtPractice.Scheduling.Waitlist;

namespace NmtPractice.Scheduling.Appointments.BookingAppointment;

/// <summary>What the front desk sends to book an appointment.</summary>
/// <param name="AppointmentId">Optional id chosen by the caller, which makes a retried request safe.</param>
/// <param name="ClientId">The client (registered with intake).</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist.</param>
/// <param name="ServiceCode">The service, for example <c>NMT-60</c>; it sets the length and turnover buffer.</param>
/// <param name="StartsAt">Start, with any UTC offset (the response shows the location's).</param>
/// <param name="RoomId">A room of the location; the first free room when omitted.</param>
/// <param name="WaitlistEntryId">The waitlist entry this booking fulfils, if any.</param>
/// <param name="SeriesId">The series this booking takes a place in (an alternative for an occurrence the series could not book), with <paramref name="Occurrence"/>.</param>
/// <param name="Occurrence">Which occurrence of the series (1 for the first).</param>
public sealed record BookAppointmentRequest(
    Guid? AppointmentId,
    [property: Required] Guid? ClientId,
    [property: Required] Guid? LocationId,
    [property: Required] Guid? TherapistId,
    [property: Required, StringLength(32, MinimumLength = 2), RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]*$")] string? ServiceCode,
    [property: Required] DateTimeOffset? StartsAt,
    Guid? RoomId = null,
    Guid? WaitlistEntryId = null,
    Guid? SeriesId = null,
    int? Occurrence = null);

/// <summary>A booking made (or found already made by the same request): the appointment, its location's zone and the client's name.</summary>
internal sealed record Booked(Appointment Appointment, TimeZoneInfo Zone, string? ClientName, bool Replayed);

/// <summary><c>POST /api/scheduling/appointments</c>.</summary>
internal static class BookAppointmentEndpoint
{
    /// <summary>How often a booking tries another free room after losing its room to a racing booking.</summary>
    private const int MaxRoomAttempts = 8;

    internal static async Task<Results<Created<AppointmentResponse>, Ok<AppointmentResponse>>> Handle(
        BookAppointmentRequest request,
        RecordWriter writer,
        SlotReservations reservations,
        CurrentUser user,
        ClientReaches reaches,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        // Where the caller works, then whether this location may serve the client (a chain that keeps
        // clients per location refuses another location's client), and only then the screening gate.
        user.EnsureCanAccess(request.LocationId!.Value);
        await reaches.EnsureMayServeAtAsync(request.ClientId!.Value, request.LocationId.Value, cancellationToken);
        if (request.AppointmentId == Guid.Empty)
        {
            throw new RequestValidationException("appointmentId", "Must be a non-empty id.");
        }

        var series = await SeriesPlaceAsync(request, writer.Session, cancellationToken);
        var booked = await BookAsync(request, series, writer, reservations, user, time.GetUtcNow(), cancellationToken);
        if (booked.Replayed)
        {
            response.SetETag(booked.Appointment.Version);
            return TypedResults.Ok(AppointmentResponse.From(booked.Appointment));
        }

        return TypedResults.Created(
            $"{ServiceInfo.RoutePrefix}/appointments/{booked.Appointment.Id}",
            AppointmentResponse.From(booked.Appointment, booked.Zone, booked.ClientName));
    }

    /// <summary>
    /// Books one appointment (the caller has checked access and reach), with the id the request chose
    /// or a new one: a retry of the same booking is answered with it, a taken room with another free one.
    /// <paramref name="by"/> names who booked when it is not the caller's id (a client booking online).
    /// </summary>
    internal static async Task<Booked> BookAsync(
        BookAppointmentRequest request, SeriesPlace? series, RecordWriter writer, SlotReservations reservations, CurrentUser user, DateTimeOffset now,
        CancellationToken cancellationToken, string? by = null)
    {
        var session = writer.Session;
        var appointmentId = request.AppointmentId ?? Guid.CreateVersion7();
        if (request.AppointmentId is { } chosen && await session.LoadAsync<Appointment>(chosen, cancellationToken) is { } existing)
        {
            return new Booked(Replay(request, existing), TimeZoneInfo.Utc, null, Replayed: true);
        }

        // When racing bookings pick the same free room, the loser takes another free room instead of
        // failing (a taken therapist is a real conflict, and so is a room the caller chose); retries
        // pick among the free rooms by the booking's id, so that racing retries spread out.
        for (var attempt = 1; ; attempt++)
        {
            var scene = await BookingScene.LoadAsync(
                session, reservations, request.LocationId!.Value, request.TherapistId!.Value, request.ServiceCode!, request.ClientId!.Value, request.StartsAt!.Value, now, cancellationToken);
            var command = new BookAppointment(appointmentId, request.ClientId.Value, request.StartsAt.Value, request.RoomId, request.WaitlistEntryId, by ?? user.Id, series);
            var decided = attempt == 1
                ? AppointmentDecisions.Book(scene, command)
                : AppointmentDecisions.Book(scene, command, free => free[(int)((uint)(appointmentId.GetHashCode() + attempt) % (uint)free.Count)]);
            var appointment = Appointment.Create(decided);
            try
            {
                // The stream starts first, so that a concurrent retry of the same booking meets the id
                // (and is answered with it) before the reservations.
                await writer.StartAsync(
                    Appointment.Rules, appointmentId, appointment, [decided],
                    async (commit, token) =>
                    {
                        SlotReservations.Reserve(commit, appointment);
                        if (request.WaitlistEntryId is { } entryId)
                        {
                            await WaitlistFulfilment.FulfilAsync(commit, entryId, request.ClientId.Value, request.LocationId.Value, appointmentId, now, token);
                        }

                        await SlotReservations.SaveAsync(commit, token);
                    },
                    cancellationToken);
            }
            catch (SlotTakenException taken) when (attempt < MaxRoomAttempts && request.RoomId is null && taken.Kind is not ResourceKind.Therapist)
            {
                session.EjectAllPendingChanges();
                continue;
            }
            catch (Exception ex) when (StoreErrors.IsCollision(ex))
            {
                // The same id was booked meanwhile: the same request is a retry, another is a conflict.
                session.EjectAllPendingChanges();
                await using var query = session.DocumentStore.QuerySession();
                return await query.LoadAsync<Appointment>(appointmentId, cancellationToken) is { } raced
                    ? new Booked(Replay(request, raced), TimeZoneInfo.Utc, null, Replayed: true)
                    : throw new ConflictException("Appointment id already used", "Another appointment already has this id.");
            }
            catch
            {
                session.EjectAllPendingChanges();
                throw;
            }

            return new Booked(appointment, scene.Location.Zone, scene.Client?.DisplayName, Replayed: false);
        }
    }

    /// <summary>
    /// The series a single booking joins (an alternative picked for an occurrence the series could not
    /// book): it must be this client's series at this location.
    /// </summary>
    private static async Task<SeriesPlace?> SeriesPlaceAsync(BookAppointmentRequest request, IQuerySession session, CancellationToken cancellationToken)
    {
        if (request.SeriesId is null && request.Occurrence is null)
        {
            return null;
        }

        new InputErrors()
            .Require(request.SeriesId is { } id && id != Guid.Empty, "seriesId", "Required with 'occurrence': the series this booking takes a place in.")
            .Require(request.Occurrence is >= 1 and <= SeriesPlan.MaxOccurrences, "occurrence", $"Required with 'seriesId': 1 to {SeriesPlan.MaxOccurrences}.")
            .ThrowIfAny();
        var seriesId = request.SeriesId!.Value;
        var ofSeries = await session.Query<Appointment>().Where(a => a.SeriesId == seriesId).ToListAsync(cancellationToken);
        if (!ofSeries.Any(a => a.ClientId == request.ClientId && a.LocationId == request.LocationId))
        {
            throw new ConflictException("Series not found", "No series of this client at this location has this id.");
        }

        return new SeriesPlace(seriesId, request.Occurrence!.Value);
    }

    /// <summary>
    /// A retried request with the same id and the same details gets the existing appointment back;
    /// the same id with different details is a conflict.
    /// </summary>
    private static Appointment Replay(BookAppointmentRequest request, Appointment existing)
    {
        var same = existing.ClientId == request.ClientId
            && existing.LocationId == request.LocationId
            && existing.TherapistId == request.TherapistId
            && string.Equals(existing.ServiceCode, request.ServiceCode, StringComparison.OrdinalIgnoreCase)
            && existing.StartsAt == request.StartsAt
            && (request.RoomId is null || request.RoomId == existing.RoomId);
        return same ? existing : throw new ConflictException("Appointment id already used", "Another appointment already has this id.");
    }
}
