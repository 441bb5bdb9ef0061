using System.Globalization;
using Microsoft.Extensions.Options;

namespace NmtPractice.Scheduling.Appointments.ChangingSeries;

/// <param name="FromAppointmentId">The occurrence from which on ("this and following") the series is cancelled.</param>
/// <param name="Reason">Why.</param>
/// <param name="Note">At most 200 characters.</param>
public sealed record CancelFollowingRequest(Guid? FromAppointmentId, CancellationReason? Reason, string? Note);

/// <param name="FromAppointmentId">The occurrence from which on ("this and following") the series moves.</param>
/// <param name="StartsAt">Its new start; each following occurrence moves by as many days, to the same local time.</param>
/// <param name="TherapistId">Another therapist for them all, if any.</param>
public sealed record MoveFollowingRequest(Guid? FromAppointmentId, DateTimeOffset? StartsAt, Guid? TherapistId);

/// <summary>A series as it stands: every appointment booked in it (also those cancelled or moved), by start.</summary>
public sealed record SeriesView(Guid SeriesId, Guid ClientId, string? ClientName, Guid LocationId, IReadOnlyList<AppointmentResponse> Appointments);

/// <summary>An occurrence that cannot move as asked, and why (nothing was moved).</summary>
public sealed record BlockedMove(Guid AppointmentId, int? Occurrence, DateTimeOffset StartsAt, string Title, string Detail);

/// <summary>
/// A series after booking: <c>GET /api/scheduling/appointment-series/{seriesId}</c> reads it;
/// <c>POST .../cancel</c> cancels an occurrence and every later one still booked ("this and following");
/// <c>POST .../move</c> moves them by the same number of days to the same new local time (and therapist),
/// all or none: when one cannot move, 409 lists which and why and nothing changes. "This one only" is the
/// single appointment's own cancel or reschedule. Each appointment is audited as its own change, and all
/// of them commit together.
/// </summary>
internal static class ChangeSeriesEndpoints
{
    internal static async Task<Ok<SeriesView>> GetAsync(Guid seriesId, IQuerySession session, CurrentUser user, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(session, seriesId, user, cancellationToken);
        return TypedResults.Ok(await ViewAsync(session, seriesId, members, cancellationToken));
    }

    internal static async Task<Ok<SeriesView>> CancelFollowingAsync(
        Guid seriesId, CancelFollowingRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, IOptions<SchedulingOptions> options, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.FromAppointmentId is not null, "fromAppointmentId", "Required: the occurrence from which on the series is cancelled.")
            .Require(request.Reason is not null, "reason", "client-request, client-illness, therapist-unavailable, clinic-closure or other.")
            .Require(request.Note is not { Length: > 200 }, "note", "At most 200 characters.")
            .ThrowIfAny();
        var session = writer.Session;
        var members = await MembersAsync(session, seriesId, user, cancellationToken);
        var following = Following(members, request.FromAppointmentId!.Value);
        var now = time.GetUtcNow();
        foreach (var appointment in following)
        {
            await writer.AlongAsync(
                Appointment.Rules, appointment.Id, Audited.Update,
                current => [AppointmentDecisions.Cancel(current, request.Reason!.Value, request.Note, options.Value.LateCancellationNotice, now, user.Id)],
                cancellationToken);
            SlotReservations.Release(session, appointment.Id);
        }

        await writer.CommitAlongAsync(SlotReservations.SaveAsync, cancellationToken);
        return TypedResults.Ok(await ViewAsync(session, seriesId, await MembersAsync(session, seriesId, user, cancellationToken), cancellationToken));
    }

    internal static async Task<Ok<SeriesView>> MoveFollowingAsync(
        Guid seriesId, MoveFollowingRequest request, RecordWriter writer, SlotReservations reservations, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.FromAppointmentId is not null, "fromAppointmentId", "Required: the occurrence from which on the series moves.")
            .Require(request.StartsAt is not null, "startsAt", "Required: the occurrence's new start.")
            .ThrowIfAny();
        var session = writer.Session;
        var members = await MembersAsync(session, seriesId, user, cancellationToken);
        var following = Following(members, request.FromAppointmentId!.Value);
        var location = await session.LoadAsync<Location>(following[0].LocationId, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var zone = location.Zone;
        var newStart = WeeklySchedule.InZone(request.StartsAt!.Value, zone);
        var days = DateOnly.FromDateTime(newStart.DateTime).DayNumber - WeeklySchedule.LocalDate(following[0].StartsAt, zone).DayNumber;
        var newTime = TimeOnly.FromDateTime(newStart.DateTime);
        var moving = following.Select(a => a.Id).ToHashSet();
        var now = time.GetUtcNow();

        // Decide every move first, against the book without the moving occurrences' own holds.
        var moves = new List<(Appointment Appointment, AppointmentRescheduled Moved)>();
        var blocked = new List<BlockedMove>();
        foreach (var appointment in following)
        {
            var target = WeeklySchedule.ToInstant(WeeklySchedule.LocalDate(appointment.StartsAt, zone).AddDays(days), newTime, zone);
            var loaded = await BookingScene.LoadAsync(
                session, reservations, appointment.LocationId, request.TherapistId ?? appointment.TherapistId, appointment.ServiceCode, appointment.ClientId, target, now, cancellationToken);
            var scene = loaded with
            {
                Service = loaded.Service with { DurationMinutes = (int)(appointment.EndsAt - appointment.StartsAt).TotalMinutes, BufferMinutes = appointment.BufferMinutes },
                Busy = [.. loaded.Busy.Where(b => !moving.Contains(b.AppointmentId))],
            };
            try
            {
                moves.Add((appointment, AppointmentDecisions.Reschedule(appointment, scene, new RescheduleAppointment(target, request.TherapistId, null, user.Id))));
            }
            catch (ProblemException refused) when (refused.StatusCode == StatusCodes.Status409Conflict)
            {
                blocked.Add(new BlockedMove(appointment.Id, appointment.Occurrence, WeeklySchedule.InZone(target, zone), refused.Title, refused.Message));
            }
        }

        if (blocked.Count > 0)
        {
            var which = string.Join("; ", blocked.Take(3).Select(b => $"{b.StartsAt.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}: {b.Title}"));
            throw new ConflictException(
                    "Series not moved",
                    $"{blocked.Count} of {following.Count} occurrences cannot move as asked ({which}{(blocked.Count > 3 ? "; …" : "")}); nothing was moved.")
                .With("occurrences", blocked);
        }

        foreach (var (appointment, moved) in moves)
        {
            await writer.AlongAsync(
                Appointment.Rules, appointment.Id, Audited.Update,
                current => current.Held == appointment.Held && current.Status == AppointmentStatus.Booked
                    ? [moved]
                    : throw new ConflictException("Appointment changed", "An occurrence of the series changed meanwhile; read the series and try again."),
                cancellationToken);
            SlotReservations.Release(session, appointment.Id);
        }

        foreach (var (appointment, moved) in moves)
        {
            SlotReservations.Reserve(session, appointment.After(moved));
        }

        await writer.CommitAlongAsync(SlotReservations.SaveAsync, cancellationToken);
        return TypedResults.Ok(await ViewAsync(session, seriesId, await MembersAsync(session, seriesId, user, cancellationToken), cancellationToken));
    }

    /// <summary>The series' appointments by start; 404 when there is none, 403 (audited) outside the caller's locations.</summary>
    private static async Task<IReadOnlyList<Appointment>> MembersAsync(IQuerySession session, Guid seriesId, CurrentUser user, CancellationToken cancellationToken)
    {
        var members = await session.Query<Appointment>().Where(a => a.SeriesId == seriesId).OrderBy(a => a.StartsAt).ToListAsync(cancellationToken);
        if (members.Count == 0)
        {
            throw new NotFoundException("Series not found", "No series has this id.");
        }

        user.EnsureCanAccess(members[0].LocationId);
        return members;
    }

    /// <summary>The named occurrence and every later one still booked; 400 when the occurrence is not the series', 409 when none is booked.</summary>
    private static List<Appointment> Following(IReadOnlyList<Appointment> members, Guid fromAppointmentId)
    {
        var from = members.FirstOrDefault(a => a.Id == fromAppointmentId)
            ?? throw new RequestValidationException("fromAppointmentId", "Not an appointment of this series.");
        var following = members.Where(a => a.StartsAt >= from.StartsAt && a.Status == AppointmentStatus.Booked).ToList();
        return following.Count > 0 && following[0].Id == from.Id
            ? following
            : throw new ConflictException("Not booked", $"This occurrence is {from.Status}: only a booked occurrence and those after it change together.");
    }

    private static async Task<SeriesView> ViewAsync(IQuerySession session, Guid seriesId, IReadOnlyList<Appointment> members, CancellationToken cancellationToken)
    {
        var zone = (await session.LoadAsync<Location>(members[0].LocationId, cancellationToken))?.Zone ?? TimeZoneInfo.Utc;
        var client = await session.LoadAsync<ClientBookingStatus>(members[0].ClientId, cancellationToken);
        return new SeriesView(
            seriesId, members[0].ClientId, client?.DisplayName, members[0].LocationId,
            [.. members.Select(a => AppointmentResponse.From(a, zone, client?.DisplayName))]);
    }
}
