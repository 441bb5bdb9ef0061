using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.OutcomeReporting.Dashboards;

/// <summary>
/// What the dashboards need to know of a client's past, kept up to date as events arrive so that a
/// dashboard reads one small summary per client in its range instead of every appointment and
/// session the client ever had: the first appointment (new or returning client) and the milestones of
/// the course of care. The compact lists it keeps are for the projection only; queries select the summary.
/// </summary>
/// <param name="Id">The client.</param>
/// <param name="Appointments">Every appointment of the client (date, booking time, whether cancelled).</param>
/// <param name="Sessions">Every signed session (date, signing time, pain before), latest figures.</param>
/// <param name="FirstAppointmentId">The earliest appointment that was not cancelled (by date, booking time, id).</param>
/// <param name="Course">The course-of-care milestones.</param>
public sealed record ClientHistory(
    Guid Id,
    IReadOnlyList<ClientAppointment> Appointments,
    IReadOnlyList<ClientSession> Sessions,
    Guid? FirstAppointmentId,
    CourseMilestones Course);

/// <summary>An appointment as the client history keeps it.</summary>
public sealed record ClientAppointment(Guid Id, DateOnly Date, DateTimeOffset BookedAt, bool Cancelled);

/// <summary>A signed session as the client history keeps it.</summary>
public sealed record ClientSession(Guid Id, DateOnly Date, DateTimeOffset SignedAt, int PainBefore, DateTimeOffset FiguresAsOf);

/// <summary>
/// The course of care reduced to what judging it needs, for any improvement threshold: the baseline
/// (pain before the first session) and, for each pain score 0-10, the first later session whose pain
/// before was at most that score. A threshold is met by exactly the scores up to some cut-off, so the
/// first session meeting it is the milestone at that cut-off.
/// </summary>
/// <param name="Baseline">Pain before the first session (null: no sessions).</param>
/// <param name="FirstAtOrBelow">Index = pain score; the first session after the first with pain before at most it, or null.</param>
public sealed record CourseMilestones(int? Baseline, IReadOnlyList<CourseMilestone?> FirstAtOrBelow)
{
    public static CourseMilestones None { get; } = new(null, []);

    /// <summary>The milestones of sessions in course order (date, signing time, id).</summary>
    public static CourseMilestones Of(IReadOnlyList<ClientSession> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        if (ordered.Count == 0)
        {
            return None;
        }

        var firsts = new CourseMilestone?[11];
        for (var index = 1; index < ordered.Count; index++)
        {
            for (var score = Math.Clamp(ordered[index].PainBefore, 0, 10); score <= 10 && firsts[score] is null; score++)
            {
                firsts[score] = new CourseMilestone(index + 1, ordered[index].Date);
            }
        }

        return new CourseMilestones(ordered[0].PainBefore, firsts);
    }
}

/// <summary>A session of the course: its number (1 = the first) and date.</summary>
public sealed record CourseMilestone(int Number, DateOnly Date);

public sealed class ClientHistoryProjection : MultiStreamProjection<ClientHistory, Guid>
{
    public ClientHistoryProjection()
    {
        Identity<AppointmentBooked>(e => e.ClientId);
        Identity<AppointmentRescheduled>(e => e.ClientId);
        Identity<AppointmentCancelled>(e => e.ClientId);
        Identity<SessionSigned>(e => e.ClientId);
        Identity<SessionAmended>(e => e.ClientId);
    }

    public override ClientHistory? Evolve(ClientHistory? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var history = snapshot ?? new ClientHistory(id, [], [], null, CourseMilestones.None);
        return e.Data switch
        {
            AppointmentBooked booked => WithAppointments(history, Upsert(history.Appointments, appointment => appointment.Id, booked.AppointmentId, _ =>
                new ClientAppointment(booked.AppointmentId, DayOf(booked.StartsAt), booked.OccurredAt, Cancelled: false))),
            AppointmentRescheduled moved => WithAppointments(history, Update(history.Appointments, moved.AppointmentId, held =>
                held with { Date = DayOf(moved.StartsAt) })),
            AppointmentCancelled cancelled => WithAppointments(history, Update(history.Appointments, cancelled.AppointmentId, held =>
                held with { Cancelled = true })),
            SessionSigned signed => WithSessions(history, Upsert(history.Sessions, session => session.Id, signed.SessionId, held =>
                Newer(held, new ClientSession(signed.SessionId, signed.SessionDate, signed.OccurredAt, signed.PainBefore, signed.OccurredAt)))),
            SessionAmended amended => WithSessions(history, Upsert(history.Sessions, session => session.Id, amended.SessionId, held =>
                Newer(held, new ClientSession(amended.SessionId, amended.SessionDate, held?.SignedAt ?? amended.OccurredAt, amended.PainBefore, amended.OccurredAt)))),
            _ => snapshot,
        };
    }

    private static ClientHistory WithAppointments(ClientHistory history, IReadOnlyList<ClientAppointment> appointments) => history with
    {
        Appointments = appointments,
        FirstAppointmentId = appointments
            .Where(appointment => !appointment.Cancelled)
            .OrderBy(appointment => appointment.Date).ThenBy(appointment => appointment.BookedAt).ThenBy(appointment => appointment.Id)
            .Select(appointment => (Guid?)appointment.Id)
            .FirstOrDefault(),
    };

    private static ClientHistory WithSessions(ClientHistory history, IReadOnlyList<ClientSession> sessions)
    {
        var ordered = sessions.OrderBy(session => session.Date).ThenBy(session => session.SignedAt).ThenBy(session => session.Id).ToList();
        return history with { Sessions = ordered, Course = CourseMilestones.Of(ordered) };
    }

    /// <summary>Figures from a later event win; a replayed or late older event changes nothing.</summary>
    private static ClientSession Newer(ClientSession? held, ClientSession incoming) =>
        held is not null && held.FiguresAsOf > incoming.FiguresAsOf ? held : incoming;

    private static List<T> Upsert<T>(IReadOnlyList<T> items, Func<T, Guid> idOf, Guid id, Func<T?, T> make)
        where T : class =>
        [.. items.Where(item => idOf(item) != id), make(items.FirstOrDefault(item => idOf(item) == id))];

    /// <summary>Changes the appointment when the history holds it (an event about an unknown appointment changes nothing).</summary>
    private static IReadOnlyList<ClientAppointment> Update(IReadOnlyList<ClientAppointment> items, Guid id, Func<ClientAppointment, ClientAppointment> change) =>
        [.. items.Select(item => item.Id == id ? change(item) : item)];

    private static DateOnly DayOf(DateTimeOffset startsAt) => DateOnly.FromDateTime(startsAt.DateTime);
}
