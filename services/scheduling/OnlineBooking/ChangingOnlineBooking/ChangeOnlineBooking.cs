using Microsoft.Extensions.Options;

namespace NmtPractice.Scheduling.OnlineBooking.ChangingOnlineBooking;

/// <summary>A new time (and, optionally, therapist) for an appointment the client moves themselves.</summary>
public sealed record MoveOnlineRequest(DateTimeOffset? StartsAt, Guid? TherapistId);

/// <summary>
/// A signed-in client moves or cancels one of their own appointments (<c>POST
/// /api/scheduling/online-bookings/{id}/reschedule</c> and <c>.../cancel</c>): only while it is booked and
/// no later than the location's online cancellation notice before it starts (closer in, 409
/// <c>call-to-change</c>: they call the clinic); a move must also be a time the client could book online
/// now (the policy, the screening, and every booking's rules). Another client's appointment is refused
/// (403) as at every endpoint that serves clients. The change is the client's (<c>client:&lt;id&gt;</c>).
/// </summary>
internal static class ChangeOnlineBookingEndpoints
{
    internal static async Task<Ok<AppointmentResponse>> CancelAsync(
        Guid id, RecordWriter writer, TimeProvider time, IOptions<SchedulingOptions> options, CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        var appointment = write.State;
        var location = await writer.Session.LoadAsync<Location>(appointment.LocationId, cancellationToken);
        var now = time.GetUtcNow();
        BookingRules.CheckOnlineChange(appointment, location?.Online ?? OnlineBookingPolicy.Closed, now);
        var cancelled = AppointmentDecisions.Cancel(
            appointment, CancellationReason.ClientRequest, "Cancelled online by the client", options.Value.LateCancellationNotice, now, ClientActor.For(appointment.ClientId));
        SlotReservations.Release(writer.Session, id);
        var written = await write.CommitAsync([cancelled], cancellationToken);
        return TypedResults.Ok(AppointmentResponse.From(written.State with { Version = written.Version }, location?.Zone));
    }

    internal static async Task<Ok<AppointmentResponse>> MoveAsync(
        Guid id, MoveOnlineRequest request, RecordWriter writer, SlotReservations reservations, ClientReaches reaches, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.StartsAt is not { } startsAt)
        {
            throw new RequestValidationException("startsAt", "Required: the new time.");
        }

        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        var appointment = write.State;
        var session = writer.Session;
        var location = await session.LoadAsync<Location>(appointment.LocationId, cancellationToken)
            ?? throw new NotFoundException("Location not found", "The appointment's location is gone.");
        var now = time.GetUtcNow();
        BookingRules.CheckOnlineChange(appointment, location.Online, now);
        var reach = await reaches.ForAsync(appointment.ClientId, cancellationToken);
        BookingRules.CheckOnline(location.Online, location.Zone, appointment.ServiceCode, startsAt, now, knownHere: reach.KnownAt.Contains(location.Id));
        BookingRules.OnlineClientGate(await session.LoadAsync<ClientBookingStatus>(appointment.ClientId, cancellationToken));

        var loaded = await BookingScene.LoadAsync(
            session, reservations, appointment.LocationId, request.TherapistId ?? appointment.TherapistId, appointment.ServiceCode, appointment.ClientId, startsAt, now, cancellationToken);
        // The appointment keeps the length and buffer it was booked with.
        var scene = loaded with
        {
            Service = loaded.Service with { DurationMinutes = (int)(appointment.EndsAt - appointment.StartsAt).TotalMinutes, BufferMinutes = appointment.BufferMinutes },
        };
        var moved = AppointmentDecisions.Reschedule(appointment, scene, new RescheduleAppointment(startsAt, request.TherapistId, null, ClientActor.For(appointment.ClientId)));
        SlotReservations.Release(session, id);
        SlotReservations.Reserve(session, appointment.After(moved));
        var written = await write.CommitAsync([moved], SlotReservations.SaveAsync, cancellationToken);
        return TypedResults.Ok(AppointmentResponse.From(written.State with { Version = written.Version }, location.Zone));
    }
}
