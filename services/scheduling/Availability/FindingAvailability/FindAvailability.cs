using Microsoft.Extensions.Options;

namespace NmtPractice.Scheduling.Availability.FindingAvailability;

/// <summary>A bookable start: therapist, time (in the location's zone) and how many rooms are free.</summary>
public sealed record FreeSlot(Guid TherapistId, string TherapistName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int FreeRooms);

/// <summary>Free slots of a service at a location over some days.</summary>
public sealed record AvailabilityResponse(Guid LocationId, string TimeZone, string ServiceCode, IReadOnlyList<FreeSlot> Slots);

/// <summary>
/// <c>GET /api/scheduling/availability?locationId&amp;serviceCode&amp;from&amp;to&amp;therapistId</c>: every
/// start (on the slot grid) where a therapist who offers the service works, the location is open and
/// not closed, the therapist is not away or booked, and a room is free, for the session and its
/// turnover buffer. With <c>rescheduling</c> (an appointment of the location) that appointment's own
/// hold is not counted, so that it can be moved by a quarter of an hour within its own slot. Days are the location's local days; daylight-saving changes are honoured because
/// each day's hours are turned into instants in the location's time zone.
/// </summary>
internal static class FindAvailabilityEndpoint
{
    internal const int MaxDays = 14;

    internal static async Task<Ok<AvailabilityResponse>> Handle(
        Guid locationId,
        string serviceCode,
        DateOnly from,
        DateOnly to,
        Guid? therapistId,
        Guid? rescheduling,
        IQuerySession session,
        SlotReservations reservations,
        CurrentUser user,
        TimeProvider time,
        IOptions<SchedulingOptions> options,
        CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new RequestValidationException("to", "'to' must not be before 'from'.");
        }

        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new RequestValidationException("to", $"Search at most {MaxDays} days at a time.");
        }

        user.EnsureCanAccess(locationId);
        var location = await session.LoadAsync<Location>(locationId, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var code = serviceCode.ToUpperInvariant();
        var service = await session.Query<ServiceDefinition>().FirstOrDefaultAsync(s => s.Code == code, cancellationToken)
            ?? throw new NotFoundException("Service not found", $"No service has the code {serviceCode}.");
        var (therapists, busy) = await TherapistsAndBusyAsync(session, reservations, location, service.Code, therapistId, from, to, cancellationToken);
        if (therapistId is { } wanted && therapists.All(t => t.Id != wanted))
        {
            throw new NotFoundException("Therapist not found", "No therapist with this id offers this service at this location.");
        }

        var zone = location.Zone;
        if (rescheduling is { } moving)
        {
            var appointment = await session.LoadAsync<Appointments.Appointment>(moving, cancellationToken);
            if (appointment?.LocationId != locationId)
            {
                throw new NotFoundException("Appointment not found", "No appointment of this location has the id given as 'rescheduling'.");
            }

            busy = [.. busy.Where(held => held.AppointmentId != moving)];
        }

        var slots = Search(location, service, therapists, busy, from, to, time.GetUtcNow(), options.Value.SlotGranularity)
            .Select(slot => slot with { StartsAt = WeeklySchedule.InZone(slot.StartsAt, zone), EndsAt = WeeklySchedule.InZone(slot.EndsAt, zone) })
            .ToList();
        return TypedResults.Ok(new AvailabilityResponse(locationId, location.TimeZone, service.Code, slots));
    }

    /// <summary>
    /// The therapists of the location who offer the service (only <paramref name="therapistId"/> when
    /// given), and what holds them and the location's rooms from <paramref name="from"/> to the end of
    /// <paramref name="to"/> (local days): what <see cref="Search"/> needs besides the location and service.
    /// </summary>
    internal static async Task<(List<Therapist> Therapists, IReadOnlyList<Busy> Busy)> TherapistsAndBusyAsync(
        IQuerySession session, SlotReservations reservations, Location location, string serviceCode, Guid? therapistId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var therapists = (await session.Query<Therapist>().ToListAsync(cancellationToken))
            .Where(t => t.LocationIds.Contains(location.Id) && t.Services.Contains(serviceCode) && (therapistId is null || t.Id == therapistId))
            .ToList();
        if (therapists.Count == 0)
        {
            return (therapists, []);
        }

        var zone = location.Zone;
        var window = new Span(WeeklySchedule.ToInstant(from, TimeOnly.MinValue, zone), WeeklySchedule.ToInstant(to.AddDays(1), TimeOnly.MinValue, zone).AddHours(2));
        return (therapists, await reservations.BusyAsync([.. therapists.Select(t => t.Id), .. location.Rooms.Select(r => r.Id)], window, cancellationToken));
    }

    /// <summary>The search itself, pure.</summary>
    internal static IEnumerable<FreeSlot> Search(
        Location location,
        ServiceDefinition service,
        IReadOnlyList<Therapist> therapists,
        IReadOnlyList<Busy> busy,
        DateOnly from,
        DateOnly to,
        DateTimeOffset now,
        TimeSpan step)
    {
        var zone = location.Zone;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (location.IsClosedOn(date))
            {
                continue;
            }

            var open = WeeklySchedule.On(location.OpeningHours, date, zone).ToList();
            foreach (var therapist in therapists.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                foreach (var work in WeeklySchedule.On(therapist.HoursOn(location.Id, date), date, zone))
                {
                    for (var start = work.From; start + service.Duration <= work.To; start += step)
                    {
                        var session = new Span(start, start + service.Duration);
                        var held = new Span(start, session.To + service.Buffer);
                        if (start <= now
                            || !open.Any(o => o.Contains(session))
                            || therapist.TimeOff.Any(off => new Span(off.From, off.To).Overlaps(session))
                            || busy.Any(b => b.Kind == ResourceKind.Therapist && b.ResourceId == therapist.Id && b.Held.Overlaps(held)))
                        {
                            continue;
                        }

                        var freeRooms = location.Rooms.Count(room => !busy.Any(b => b.Kind == ResourceKind.Room && b.ResourceId == room.Id && b.Held.Overlaps(held)));
                        if (freeRooms > 0)
                        {
                            yield return new FreeSlot(therapist.Id, therapist.Name, session.From, session.To, freeRooms);
                        }
                    }
                }
            }
        }
    }
}
