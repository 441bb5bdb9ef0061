using Microsoft.Extensions.Options;
using NmtPractice.Scheduling.Availability.FindingAvailability;

namespace NmtPractice.Scheduling.OnlineBooking.FindingOnlineTimes;

/// <summary>A time a client may book online: who, from when to when (in the location's zone).</summary>
public sealed record OnlineTime(Guid TherapistId, string TherapistName, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>The free times of a service at a location over the days searched (those asked for, within the policy's horizon).</summary>
public sealed record OnlineTimes(Guid LocationId, string TimeZone, string ServiceCode, DateOnly From, DateOnly To, IReadOnlyList<OnlineTime> Times);

/// <summary>
/// <c>GET /api/scheduling/public/locations/{id}/times?serviceCode&amp;from&amp;to&amp;therapistId</c>: the
/// free times (as the desk's availability finds them) that the location's online-booking policy lets
/// clients book: only a service it offers online, no earlier than its minimum notice, no further ahead
/// than its horizon (the days asked for are cut to it, and the answer says which days it searched).
/// A location that does not take online bookings answers as one that does not exist. No room counts,
/// no clients: only who works when. Anonymous; kept for half a minute.
/// </summary>
internal static class FindOnlineTimesEndpoint
{
    internal static async Task<Ok<OnlineTimes>> Handle(
        Guid id,
        string? serviceCode,
        DateOnly? from,
        DateOnly? to,
        Guid? therapistId,
        IQuerySession session,
        SlotReservations reservations,
        OnlineBookingCache cache,
        TimeProvider time,
        IOptions<SchedulingOptions> options,
        CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(!string.IsNullOrWhiteSpace(serviceCode) && serviceCode.Length <= 20, "serviceCode", "Required: the code of a service the location offers online.")
            .Require(from is null || to is null || to >= from, "to", "'to' must not be before 'from'.")
            .Require(from is null || to is null || to.Value.DayNumber - from.Value.DayNumber < FindAvailabilityEndpoint.MaxDays, "to", $"Search at most {FindAvailabilityEndpoint.MaxDays} days at a time.")
            .ThrowIfAny();

        var location = await session.LoadAsync<Location>(id, cancellationToken);
        if (location is null || !location.Online.Open)
        {
            throw new NotFoundException("Location not found", "No location takes bookings online with this id.");
        }

        var policy = location.Online;
        var code = serviceCode!.Trim().ToUpperInvariant();
        if (!policy.Offers(code))
        {
            throw new NotFoundException("Service not offered online", "This location does not take online bookings for this service.");
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, location.Zone).DateTime);
        var last = today.AddDays(policy.BookAheadDays);
        var first = from is { } asked && asked > today ? asked : today;
        var until = to ?? first.AddDays(6);
        if (until > last)
        {
            until = last;
        }

        if (first > until)
        {
            throw new RequestValidationException("from", $"Online bookings here are taken up to {policy.BookAheadDays} days ahead (until {last:yyyy-MM-dd}).");
        }

        var key = $"times:{id:N}:{code}:{first:yyyyMMdd}:{until:yyyyMMdd}:{therapistId:N}";
        return TypedResults.Ok(await cache.GetOrAddAsync(key, async () =>
        {
            var service = await session.Query<ServiceDefinition>().FirstOrDefaultAsync(s => s.Code == code, cancellationToken)
                ?? throw new NotFoundException("Service not offered online", "This location does not take online bookings for this service.");
            var (therapists, busy) = await FindAvailabilityEndpoint.TherapistsAndBusyAsync(session, reservations, location, code, therapistId, first, until, cancellationToken);
            var zone = location.Zone;
            var times = FindAvailabilityEndpoint.Search(location, service, therapists, busy, first, until, now + policy.MinimumNotice, options.Value.SlotGranularity)
                .Select(slot => new OnlineTime(slot.TherapistId, slot.TherapistName, WeeklySchedule.InZone(slot.StartsAt, zone), WeeklySchedule.InZone(slot.EndsAt, zone)))
                .ToList();
            return new OnlineTimes(id, location.TimeZone, code, first, until, times);
        }));
    }
}
