using System.ComponentModel.DataAnnotations;
using NmtPractice.Scheduling.Appointments.BookingAppointment;

namespace NmtPractice.Scheduling.OnlineBooking.BookingOnline;

/// <summary>What the portal sends when a signed-in client books a time they picked.</summary>
/// <param name="AppointmentId">Optional id chosen by the portal, which makes a retried request safe.</param>
/// <param name="ClientId">Which of the client's records books (a parent may book for a child on the same email).</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist of the time picked.</param>
/// <param name="ServiceCode">The service.</param>
/// <param name="StartsAt">The time picked.</param>
public sealed record BookOnlineRequest(
    Guid? AppointmentId,
    [property: Required] Guid? ClientId,
    [property: Required] Guid? LocationId,
    [property: Required] Guid? TherapistId,
    [property: Required, StringLength(32, MinimumLength = 2), RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]*$")] string? ServiceCode,
    [property: Required] DateTimeOffset? StartsAt);

/// <summary>
/// <c>POST /api/scheduling/online-bookings</c>: a client books a time themselves, for one of their own
/// records. The location's online policy decides first (a service it takes online, its notice, its
/// horizon, new clients or not), then the screening, stricter than at the desk (it decides alone: see
/// <see cref="BookingRules.OnlineClientGate"/>), then the rules every booking meets (a time still free,
/// the therapist's hours, a room). The appointment says the client booked it (the calendar shows it);
/// each refusal is a 409 with a <c>reason</c> the portal explains, and writes nothing.
/// </summary>
internal static class BookOnlineEndpoint
{
    internal static async Task<Results<Created<AppointmentResponse>, Ok<AppointmentResponse>>> Handle(
        BookOnlineRequest request,
        RecordWriter writer,
        SlotReservations reservations,
        CurrentUser user,
        ClientReaches reaches,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var clientId = request.ClientId!.Value;
        user.EnsureOwnClientIfClient(clientId);
        if (request.AppointmentId == Guid.Empty)
        {
            throw new RequestValidationException("appointmentId", "Must be a non-empty id.");
        }

        var session = writer.Session;
        var location = await session.LoadAsync<Location>(request.LocationId!.Value, cancellationToken);
        if (location is null || !location.Online.Open)
        {
            throw new NotFoundException("Location not found", "No location takes bookings online with this id.");
        }

        var now = time.GetUtcNow();
        var code = request.ServiceCode!.Trim().ToUpperInvariant();
        var reach = await reaches.ForAsync(clientId, cancellationToken);
        BookingRules.CheckOnline(location.Online, location.Zone, code, request.StartsAt!.Value, now, knownHere: reach.KnownAt.Contains(location.Id));
        BookingRules.OnlineClientGate(await session.LoadAsync<ClientBookingStatus>(clientId, cancellationToken));
        await reaches.EnsureMayServeAtAsync(clientId, location.Id, cancellationToken);

        var booked = await BookAppointmentEndpoint.BookAsync(
            new BookAppointmentRequest(request.AppointmentId, clientId, location.Id, request.TherapistId, code, request.StartsAt),
            series: null, writer, reservations, user, now, cancellationToken, by: ClientActor.For(clientId));
        if (booked.Replayed)
        {
            response.SetETag(booked.Appointment.Version);
            return TypedResults.Ok(AppointmentResponse.From(booked.Appointment));
        }

        return TypedResults.Created(
            $"{ServiceInfo.RoutePrefix}/appointments/{booked.Appointment.Id}",
            AppointmentResponse.From(booked.Appointment, booked.Zone, booked.ClientName));
    }
}
