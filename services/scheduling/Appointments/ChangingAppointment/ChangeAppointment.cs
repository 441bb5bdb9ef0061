using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Reservations;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Appointments.ChangingAppointment;

public sealed record RescheduleRequest(DateTimeOffset? StartsAt, Guid? TherapistId, Guid? RoomId);

public sealed record CancelRequest(CancellationReason? Reason, string? Note);

/// <summary>
/// The lifecycle commands on an existing appointment: reschedule, cancel, check in, complete,
/// no-show. Each loads the stream for writing (optimistic concurrency), honours <c>If-Match</c> when
/// sent, decides, appends and commits; reservations move or go in the same transaction.
/// </summary>
internal static class ChangeAppointmentEndpoints
{
    internal static async Task<Ok<AppointmentResponse>> RescheduleAsync(
        Guid id, RescheduleRequest request, HttpRequest http, IDocumentSession session, SlotReservations reservations,
        CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        if (request.StartsAt is null)
        {
            throw new RequestValidationException("startsAt", "Required.");
        }

        var (stream, appointment) = await LoadAsync(id, http, session, user, cancellationToken);
        AppointmentDecisions.EnsureReschedulable(appointment);
        var now = time.GetUtcNow();
        var scene = await BookingScene.LoadAsync(
            session, reservations, appointment.LocationId, request.TherapistId ?? appointment.TherapistId, appointment.ServiceCode,
            appointment.ClientId, request.StartsAt.Value, now, cancellationToken);
        var (room, _, slot, held) = BookingRules.Check(scene, request.StartsAt.Value, request.RoomId ?? (request.TherapistId is null ? appointment.RoomId : null), rescheduling: id);

        var moved = new AppointmentRescheduled(
            id, appointment.ClientId, appointment.LocationId, appointment.ServiceCode, scene.Therapist.Id, room, WeeklySchedule.InZone(slot.From, scene.Location.Zone), WeeklySchedule.InZone(slot.To, scene.Location.Zone),
            appointment.StartsAt, appointment.EndsAt, appointment.TherapistId, now, user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(moved);
        SlotReservations.Release(session, id);
        SlotReservations.Reserve(session, id, appointment.LocationId, scene.Therapist.Id, room, held);
        await SlotReservations.SaveAsync(session, cancellationToken);
        return Respond(appointment.Apply(moved), version, scene.Location.Zone, response);
    }

    internal static async Task<Ok<AppointmentResponse>> CancelAsync(
        Guid id, CancelRequest request, HttpRequest http, IDocumentSession session, CurrentUser user,
        TimeProvider time, IOptions<SchedulingOptions> options, HttpResponse response, CancellationToken cancellationToken)
    {
        if (request.Reason is null)
        {
            throw new RequestValidationException("reason", "client-request, client-illness, therapist-unavailable, clinic-closure or other.");
        }

        var (stream, appointment) = await LoadAsync(id, http, session, user, cancellationToken);
        var cancelled = AppointmentDecisions.Cancel(appointment, request.Reason.Value, request.Note, options.Value.LateCancellationNotice, time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(cancelled);
        SlotReservations.Release(session, id);
        await session.SaveChangesAsync(cancellationToken);
        return Respond(appointment.Apply(cancelled), version, await ZoneAsync(session, appointment, cancellationToken), response);
    }

    internal static async Task<Ok<AppointmentResponse>> CheckInAsync(
        Guid id, HttpRequest http, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var (stream, appointment) = await LoadAsync(id, http, session, user, cancellationToken);
        var zone = await ZoneAsync(session, appointment, cancellationToken);
        var checkedIn = AppointmentDecisions.CheckIn(appointment, zone, time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(checkedIn);
        await session.SaveChangesAsync(cancellationToken);
        return Respond(appointment.Apply(checkedIn), version, zone, response);
    }

    internal static async Task<Ok<AppointmentResponse>> CompleteAsync(
        Guid id, HttpRequest http, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var (stream, appointment) = await LoadAsync(id, http, session, user, cancellationToken);
        var completed = AppointmentDecisions.Complete(appointment, time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(completed);
        await session.SaveChangesAsync(cancellationToken);
        return Respond(appointment.Apply(completed), version, await ZoneAsync(session, appointment, cancellationToken), response);
    }

    internal static async Task<Ok<AppointmentResponse>> MarkNoShowAsync(
        Guid id, HttpRequest http, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var (stream, appointment) = await LoadAsync(id, http, session, user, cancellationToken);
        var noShow = AppointmentDecisions.MarkNoShow(appointment, time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(noShow);
        await session.SaveChangesAsync(cancellationToken);
        return Respond(appointment.Apply(noShow), version, await ZoneAsync(session, appointment, cancellationToken), response);
    }

    private static async Task<(JasperFx.Events.IEventStream<Appointment> Stream, Appointment Appointment)> LoadAsync(
        Guid id, HttpRequest http, IDocumentSession session, CurrentUser user, CancellationToken cancellationToken)
    {
        var expected = http.ExpectedVersion();
        var stream = await session.Events.FetchForWriting<Appointment>(id, cancellationToken);
        var appointment = stream.Aggregate ?? throw new NotFoundException("Appointment not found", "No appointment has this id.");
        user.EnsureCanAccess(appointment.LocationId);
        if (expected is { } version && version != stream.CurrentVersion)
        {
            throw new PreconditionFailedException($"The appointment is at version {stream.CurrentVersion}; read it again.");
        }

        return (stream, appointment);
    }

    private static async Task<TimeZoneInfo> ZoneAsync(IQuerySession session, Appointment appointment, CancellationToken cancellationToken) =>
        (await session.LoadAsync<Location>(appointment.LocationId, cancellationToken))?.Zone ?? TimeZoneInfo.Utc;

    private static Ok<AppointmentResponse> Respond(Appointment appointment, long version, TimeZoneInfo zone, HttpResponse response)
    {
        response.SetETag(version);
        return TypedResults.Ok(AppointmentResponse.From(appointment with { Version = version }, zone));
    }
}
