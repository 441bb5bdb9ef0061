using NmtPractice.Contracts.Intake;
using NmtPractice.Scheduling.Clients;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Reservations;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Scheduling.Appointments;

/// <summary>
/// The booking rules, pure: the client may be booked (screening gate), the time is in the future, on
/// the grid, inside the location's opening hours and the therapist's hours there, not on a closure or
/// during time off, the therapist offers the service, and the therapist and a room are free for the
/// session and its turnover buffer. Picks the first free room when none is asked for (or, with <c>spread</c>, another one, so that
/// bookings retrying after a race do not all pick the same room again).
/// </summary>
public static class BookingRules
{
    public static (Guid RoomId, IReadOnlyList<string> Flags, Span Session, Span Held) Check(
        BookingScene scene,
        DateTimeOffset startsAt,
        Guid? roomId,
        Guid? rescheduling = null,
        int spread = 0)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (startsAt <= scene.Now)
        {
            throw new RequestValidationException("startsAt", "An appointment cannot start in the past.");
        }

        if (startsAt.Second != 0 || startsAt.Millisecond != 0 || startsAt.Minute % 5 != 0)
        {
            throw new RequestValidationException("startsAt", "Appointments start on a 5-minute boundary.");
        }

        var flags = ClientGate(scene.Client);
        var location = scene.Location;
        var therapist = scene.Therapist;
        var service = scene.Service;
        var session = new Span(startsAt, startsAt + service.Duration);
        var held = new Span(startsAt, session.To + service.Buffer);
        var zone = location.Zone;
        var date = WeeklySchedule.LocalDate(startsAt, zone);

        if (!therapist.Services.Contains(service.Code))
        {
            throw new ConflictException("Service not offered", $"{therapist.Name} does not offer {service.Code}.");
        }

        if (!therapist.LocationIds.Contains(location.Id))
        {
            throw new ConflictException("Not working here", $"{therapist.Name} does not work at {location.Name}.");
        }

        if (location.Closures.FirstOrDefault(c => c.From <= date && date <= c.To) is { } closure)
        {
            throw new ConflictException("Location closed", $"{location.Name} is closed on {date:yyyy-MM-dd} ({closure.Reason}).");
        }

        if (!WeeklySchedule.On(location.OpeningHours, date, zone).Any(open => open.Contains(session)))
        {
            throw new ConflictException("Outside opening hours", $"{location.Name} is not open for the whole of this appointment.");
        }

        if (!WeeklySchedule.On(therapist.HoursAt(location.Id), date, zone).Any(work => work.Contains(session)))
        {
            throw new ConflictException("Outside working hours", $"{therapist.Name} does not work at {location.Name} for the whole of this appointment.");
        }

        if (therapist.TimeOff.Any(off => new Span(off.From, off.To).Overlaps(session)))
        {
            throw new ConflictException("Therapist away", $"{therapist.Name} is away at this time.");
        }

        var busy = scene.Busy.Where(b => b.AppointmentId != rescheduling && b.Held.Overlaps(held)).ToList();
        if (busy.Any(b => b.Kind == ResourceKind.Therapist && b.ResourceId == therapist.Id))
        {
            throw new SlotTakenException(ResourceKind.Therapist);
        }

        Guid room;
        if (roomId is { } asked)
        {
            if (location.Rooms.All(r => r.Id != asked))
            {
                throw new NotFoundException("Room not found", $"{location.Name} has no room with this id.");
            }

            if (busy.Any(b => b.Kind == ResourceKind.Room && b.ResourceId == asked))
            {
                throw new SlotTakenException(ResourceKind.Room);
            }

            room = asked;
        }
        else
        {
            var free = location.Rooms.OrderBy(r => r.Name, StringComparer.Ordinal)
                .Where(r => !busy.Any(b => b.Kind == ResourceKind.Room && b.ResourceId == r.Id))
                .ToList();
            room = free.Count == 0
                ? throw new ConflictException("No room free", $"Every room at {location.Name} is booked at this time.")
                : free[(int)((uint)spread % (uint)free.Count)].Id;
        }

        return (room, flags, session, held);
    }

    /// <summary>
    /// Refuses clients who are contraindicated or whose intake expired; flags those who need a
    /// physician's clearance or have no complete screening yet.
    /// </summary>
    public static IReadOnlyList<string> ClientGate(ClientBookingStatus? client)
    {
        if (client is null)
        {
            throw new ConflictException("Unknown client", "Scheduling has not heard of this client from intake. Register the client first (or retry in a moment).");
        }

        if (client.IntakeExpired)
        {
            throw new ConflictException("Intake expired", "The client's health intake has expired. Renew it before booking.");
        }

        return client.ScreeningStatus switch
        {
            ScreeningStatuses.Contraindicated => throw new ConflictException(
                "Client contraindicated",
                "The client's screening found an absolute contraindication: no treatment can be booked until it is resolved and the intake updated."),
            ScreeningStatuses.PhysicianClearanceRequired => [AppointmentFlags.ClearancePending],
            null => [AppointmentFlags.ScreeningPending],
            _ => [],
        };
    }
}
