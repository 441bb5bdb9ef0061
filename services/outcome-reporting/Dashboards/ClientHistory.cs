using JasperFx.Events;
using Marten.Events.Projections;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.TreatmentRecords;
using NmtPractice.OutcomeReporting.Clinical;

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
