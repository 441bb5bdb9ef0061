using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.TreatmentRecords.Practice;

/// <summary>
/// An appointment as scheduling last described it: whose, where, with whom. A note opened by hand for
/// an appointment is checked against it (the appointment's own location and client, not the ones the
/// request names), so that no one documents, or blocks, a session at a location they do not work at.
/// </summary>
public sealed record KnownAppointment(Guid Id, Guid ClientId, Guid LocationId, Guid TherapistId, DateTimeOffset StartsAt, bool Cancelled, DateTimeOffset UpdatedAt);

/// <summary>Keeps <see cref="KnownAppointment"/> current from scheduling's events; an older message changes nothing.</summary>
internal sealed class AppointmentRosterConsumer(IDocumentSession session) :
    IConsumer<AppointmentBooked>,
    IConsumer<AppointmentRescheduled>,
    IConsumer<AppointmentCancelled>,
    IConsumer<AppointmentCheckedIn>
{
    public Task Consume(ConsumeContext<AppointmentBooked> context) =>
        KeepAsync(context, m => new KnownAppointment(m.AppointmentId, m.ClientId, m.LocationId, m.TherapistId, m.StartsAt, false, m.OccurredAt));

    public Task Consume(ConsumeContext<AppointmentRescheduled> context) =>
        KeepAsync(context, m => new KnownAppointment(m.AppointmentId, m.ClientId, m.LocationId, m.TherapistId, m.StartsAt, false, m.OccurredAt));

    public Task Consume(ConsumeContext<AppointmentCancelled> context) =>
        KeepAsync(context, m => new KnownAppointment(m.AppointmentId, m.ClientId, m.LocationId, m.TherapistId, m.StartsAt, true, m.OccurredAt));

    public Task Consume(ConsumeContext<AppointmentCheckedIn> context) =>
        KeepAsync(context, m => new KnownAppointment(m.AppointmentId, m.ClientId, m.LocationId, m.TherapistId, m.StartsAt, false, m.OccurredAt));

    private async Task KeepAsync<T>(ConsumeContext<T> context, Func<T, KnownAppointment> describe)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var described = describe(context.Message);
        var held = await session.LoadAsync<KnownAppointment>(described.Id, context.CancellationToken);
        if (held is null || held.UpdatedAt < described.UpdatedAt)
        {
            session.Store(described);
        }
    }
}
