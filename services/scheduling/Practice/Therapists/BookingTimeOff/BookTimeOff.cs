namespace NmtPractice.Scheduling.Practice.Therapists.BookingTimeOff;

public sealed record TimeOffRequest(DateTimeOffset? From, DateTimeOffset? To, string? Reason);

/// <summary>
/// <c>POST /api/scheduling/therapists/{id}/time-off</c>: at most a year away; the answer lists the
/// booked appointments the time off overlaps, for the desk to move.
/// </summary>
internal static class BookTimeOffEndpoint
{
    internal static async Task<Ok<TimeOffResponse>> Handle(
        Guid id, TimeOffRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Period(request.From, request.To, endMayEqualStart: false, (from, to) => to - from <= TimeSpan.FromDays(366))
            .Text("reason", request.Reason, 200)
            .ThrowIfAny();
        var (from, to) = (request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime());
        var booked = await writer.WriteAsync(
            Therapist.Rules, id, Audited.Update, _ => [new TimeOffBooked(id, Guid.CreateVersion7(), from, to, request.Reason!.Trim(), time.GetUtcNow(), user.Id)], cancellationToken);
        var conflicting = await writer.Session.Query<Appointment>()
            .Where(a => a.TherapistId == id && a.StartsAt < to && a.EndsAt > from
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TimeOffResponse(TherapistResponse.From(booked.State, booked.Version), conflicting.ToList()));
    }
}
