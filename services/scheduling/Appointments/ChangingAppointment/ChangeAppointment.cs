using Microsoft.Extensions.Options;

namespace NmtPractice.Scheduling.Appointments.ChangingAppointment;

public sealed record RescheduleRequest(DateTimeOffset? StartsAt, Guid? TherapistId, Guid? RoomId);

public sealed record CancelRequest(CancellationReason? Reason, string? Note);

/// <summary>
/// The lifecycle commands on an existing appointment: reschedule, cancel, check in, complete,
/// no-show. Each goes through the shared write path (<see cref="RecordWriter"/>), honouring
/// <c>If-Match</c> when sent; reservations move or go in the same transaction.
/// </summary>
internal static class ChangeAppointmentEndpoints
{
    internal static async Task<Ok<AppointmentResponse>> RescheduleAsync(
        Guid id, RescheduleRequest request, RecordWriter writer, SlotReservations reservations, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.StartsAt is null)
        {
            throw new RequestValidationException("startsAt", "Required.");
        }

        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        var appointment = write.State;
        var loaded = await BookingScene.LoadAsync(
            writer.Session, reservations, appointment.LocationId, request.TherapistId ?? appointment.TherapistId, appointment.ServiceCode,
            appointment.ClientId, request.StartsAt.Value, time.GetUtcNow(), cancellationToken);

        // A booked appointment keeps the length and buffer it was booked with, whatever the service's terms are now.
        var scene = loaded with
        {
            Service = loaded.Service with { DurationMinutes = (int)(appointment.EndsAt - appointment.StartsAt).TotalMinutes, BufferMinutes = appointment.BufferMinutes },
        };
        var moved = AppointmentDecisions.Reschedule(appointment, scene, new RescheduleAppointment(request.StartsAt.Value, request.TherapistId, request.RoomId, user.Id));
        SlotReservations.Release(writer.Session, id);
        SlotReservations.Reserve(writer.Session, appointment.After(moved));
        var written = await write.CommitAsync([moved], SlotReservations.SaveAsync, cancellationToken);
        return Respond(written, scene.Location.Zone);
    }

    internal static async Task<Ok<AppointmentResponse>> CancelAsync(
        Guid id, CancelRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, IOptions<SchedulingOptions> options, CancellationToken cancellationToken)
    {
        if (request.Reason is null)
        {
            throw new RequestValidationException("reason", "client-request, client-illness, therapist-unavailable, clinic-closure or other.");
        }

        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        var cancelled = AppointmentDecisions.Cancel(write.State, request.Reason.Value, request.Note, options.Value.LateCancellationNotice, time.GetUtcNow(), user.Id);
        SlotReservations.Release(writer.Session, id);
        return await CommitAsync(writer, write, cancelled, cancellationToken);
    }

    internal static async Task<Ok<AppointmentResponse>> CheckInAsync(
        Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        var zone = await ZoneAsync(writer, write.State, cancellationToken);
        var checkedIn = AppointmentDecisions.CheckIn(write.State, zone, time.GetUtcNow(), user.Id);
        return Respond(await write.CommitAsync([checkedIn], cancellationToken), zone);
    }

    internal static async Task<Ok<AppointmentResponse>> CompleteAsync(
        Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        return await CommitAsync(writer, write, AppointmentDecisions.Complete(write.State, time.GetUtcNow(), user.Id), cancellationToken);
    }

    internal static async Task<Ok<AppointmentResponse>> MarkNoShowAsync(
        Guid id, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(Appointment.Rules, id, Audited.Update, cancellationToken);
        return await CommitAsync(writer, write, AppointmentDecisions.MarkNoShow(write.State, time.GetUtcNow(), user.Id), cancellationToken);
    }

    /// <summary>Commits one decided event on the appointment and answers with the appointment as it leaves it, in its location's time.</summary>
    internal static async Task<Ok<AppointmentResponse>> CommitAsync(
        RecordWriter writer, RecordWrite<Appointment> write, object decided, CancellationToken cancellationToken)
    {
        var written = await write.CommitAsync([decided], cancellationToken);
        return Respond(written, await ZoneAsync(writer, written.State, cancellationToken));
    }

    private static async Task<TimeZoneInfo> ZoneAsync(RecordWriter writer, Appointment appointment, CancellationToken cancellationToken) =>
        (await writer.Session.LoadAsync<Location>(appointment.LocationId, cancellationToken))?.Zone ?? TimeZoneInfo.Utc;

    private static Ok<AppointmentResponse> Respond(Written<Appointment> written, TimeZoneInfo zone) =>
        TypedResults.Ok(AppointmentResponse.From(written.State with { Version = written.Version }, zone));
}
