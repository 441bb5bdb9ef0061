using NmtPractice.Contracts.Intake;

namespace NmtPractice.Scheduling.Appointments;

/// <summary>
/// The booking rules, pure: the client may be booked (screening gate), the time is in the future, on
/// the grid, inside the location's opening hours and the therapist's hours there, not on a closure or
/// during time off, the therapist offers the service, and the therapist and a room are free for the
/// session and its turnover buffer. Names the rooms free for it: the one asked for, or every free room
/// by name (which of them to take is the decision's, see <see cref="AppointmentDecisions.Book"/>).
/// </summary>
public static class BookingRules
{
    /// <summary>The title of the refusal when every room is booked at the time.</summary>
    public const string NoRoomFree = "No room free";

    public static BookingSlot Check(BookingScene scene, DateTimeOffset startsAt, Guid? roomId, Guid? rescheduling = null)
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

        if (!therapist.WorksAtOn(location.Id, date))
        {
            throw new ConflictException("Therapist leaving", $"{therapist.Name} works at {location.Name} until {therapist.LeavesOn(location.Id)!.Value.AddDays(-1):yyyy-MM-dd}.");
        }

        if (location.Closures.FirstOrDefault(c => c.From <= date && date <= c.To) is { } closure)
        {
            throw new ConflictException("Location closed", $"{location.Name} is closed on {date:yyyy-MM-dd} ({closure.Reason}).");
        }

        if (!WeeklySchedule.On(location.OpeningHours, date, zone).Any(open => open.Contains(session)))
        {
            throw new ConflictException("Outside opening hours", $"{location.Name} is not open for the whole of this appointment.");
        }

        if (!WeeklySchedule.On(therapist.HoursOn(location.Id, date), date, zone).Any(work => work.Contains(session)))
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

        List<Guid> rooms;
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

            rooms = [asked];
        }
        else
        {
            rooms = location.Rooms.OrderBy(r => r.Name, StringComparer.Ordinal)
                .Where(r => !busy.Any(b => b.Kind == ResourceKind.Room && b.ResourceId == r.Id))
                .Select(r => r.Id)
                .ToList();
            if (rooms.Count == 0)
            {
                throw new ConflictException(NoRoomFree, $"Every room at {location.Name} is booked at this time.");
            }
        }

        return new BookingSlot(rooms, flags, session, held);
    }

    /// <summary>
    /// What a client may book online, before the rules every booking meets: a service the location
    /// takes online, no sooner than its minimum notice, no later than the last day of its horizon (in
    /// the location's calendar), and, where the location books new clients by phone only, a client it
    /// already knows. Each refusal is a 409 whose <c>reason</c> (<see cref="OnlineRefusals"/>) the portal explains.
    /// </summary>
    public static void CheckOnline(OnlineBookingPolicy policy, TimeZoneInfo zone, string serviceCode, DateTimeOffset startsAt, DateTimeOffset now, bool knownHere)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(zone);
        if (!policy.Offers(serviceCode))
        {
            throw Online("Not bookable online", "This location does not take online bookings for this service.", OnlineRefusals.NotOffered);
        }

        if (startsAt < now + policy.MinimumNotice)
        {
            throw Online("Too soon to book online", $"Online bookings here start at least {policy.MinimumNoticeHours} hours ahead. Call the clinic for a sooner time.", OnlineRefusals.TooSoon);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, zone).DateTime) > today.AddDays(policy.BookAheadDays))
        {
            throw Online("Too far ahead to book online", $"Online bookings here are taken up to {policy.BookAheadDays} days ahead.", OnlineRefusals.TooFarAhead);
        }

        if (!policy.NewClients && !knownHere)
        {
            throw Online("New clients book by phone", "This clinic books a first visit by phone. Please call it.", OnlineRefusals.NewClientsByPhone);
        }
    }

    /// <summary>
    /// The screening gate for a client booking themselves, stricter than the desk's: the screening
    /// decides alone, with no one at the desk to settle what it flags. Cleared (with or without
    /// precautions, which go to the therapist) books; no screening yet, an intake due for renewal, a
    /// clearance the screening asks for and a contraindication each refuse, with the reason the portal
    /// explains (never the clinical finding itself). A merged duplicate is refused as at the desk.
    /// </summary>
    public static void OnlineClientGate(ClientBookingStatus? client)
    {
        if (client?.ScreeningStatus is null)
        {
            throw Online("Health questions first", "Fill in your health questions before booking: the clinic checks them before every first visit.", OnlineRefusals.IntakeNeeded);
        }

        if (client.IntakeExpired)
        {
            throw Online("Health questions to renew", "Your health questions are due for renewal. Answer them again before booking.", OnlineRefusals.IntakeRenewalNeeded);
        }

        switch (client.ScreeningStatus)
        {
            case ScreeningStatuses.Contraindicated:
                throw Online("Please call the clinic", "We cannot book this online. Please call the clinic: they will talk it through with you.", OnlineRefusals.CallTheClinic);
            case ScreeningStatuses.PhysicianClearanceRequired:
                throw Online("A note from your doctor first", "The clinic needs a note from your doctor before your first visit. Once it has it, the clinic books you.", OnlineRefusals.ClearanceNeeded);
        }

        ClientGate(client);
    }

    /// <summary>
    /// Whether a client may still move or cancel <paramref name="appointment"/> themselves: only while it
    /// is booked, and no later than the location's online cancellation notice before it starts (closer in,
    /// they call the clinic, and are told so with the notice).
    /// </summary>
    public static void CheckOnlineChange(Appointment appointment, OnlineBookingPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(policy);
        if (appointment.Status != AppointmentStatus.Booked || appointment.StartsAt <= now)
        {
            throw Online("No longer booked", "This appointment can no longer be changed.", OnlineRefusals.NotBooked);
        }

        if (appointment.StartsAt - now < policy.CancellationNotice)
        {
            throw Online(
                "Please call the clinic",
                $"Your appointment is less than {policy.CancellationNoticeHours} hours away: please call the clinic to move or cancel it.",
                OnlineRefusals.CallToChange);
        }
    }

    private static ConflictException Online(string title, string detail, string reason) => (ConflictException)new ConflictException(title, detail).With("reason", reason);

    /// <summary>
    /// Refuses clients who are contraindicated or whose intake expired, and a duplicate registration
    /// merged into another record; flags those who need a physician's clearance or have no complete
    /// screening yet.
    /// </summary>
    public static IReadOnlyList<string> ClientGate(ClientBookingStatus? client)
    {
        if (client is null)
        {
            throw new ConflictException("Unknown client", "Scheduling has not heard of this client from intake. Register the client first (or retry in a moment).");
        }

        if (client.MergedInto is { } survivor)
        {
            throw new ConflictException("Client merged", $"This registration was merged into client {survivor}: book that record.")
                .With("mergedInto", survivor);
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

/// <summary>Why a client could not book online: the portal says what to do about each (the problem's <c>reason</c>).</summary>
public static class OnlineRefusals
{
    /// <summary>The location does not take this service online (or no online bookings at all).</summary>
    public const string NotOffered = "not-offered";

    /// <summary>Sooner than the location's minimum notice.</summary>
    public const string TooSoon = "too-soon";

    /// <summary>Further ahead than the location's horizon.</summary>
    public const string TooFarAhead = "too-far-ahead";

    /// <summary>The location books new clients by phone only.</summary>
    public const string NewClientsByPhone = "new-clients-by-phone";

    /// <summary>No health intake yet: the client fills it in first.</summary>
    public const string IntakeNeeded = "intake-needed";

    /// <summary>The intake is due for renewal: the client renews it first.</summary>
    public const string IntakeRenewalNeeded = "intake-renewal-needed";

    /// <summary>The screening asks for a physician's clearance: the clinic books once it has it.</summary>
    public const string ClearanceNeeded = "clearance-needed";

    /// <summary>The screening found a contraindication: the clinic talks to the client.</summary>
    public const string CallTheClinic = "call-the-clinic";

    /// <summary>Too close to the appointment to move or cancel it online: the client calls the clinic.</summary>
    public const string CallToChange = "call-to-change";

    /// <summary>The appointment is no longer booked (cancelled, begun, past): nothing to move or cancel.</summary>
    public const string NotBooked = "not-booked";
}

/// <summary>What the booking rules allow: the rooms free for the session (never empty), the flags the client carries, the session and the time it holds.</summary>
public sealed record BookingSlot(IReadOnlyList<Guid> FreeRooms, IReadOnlyList<string> Flags, Span Session, Span Held)
{
    /// <summary>The room asked for, or the first free one by name.</summary>
    public Guid RoomId => FreeRooms[0];
}
