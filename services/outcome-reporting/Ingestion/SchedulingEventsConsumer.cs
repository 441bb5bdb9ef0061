using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>Scheduling's events: appointments (stream per appointment), the waitlist, locations and therapists.</summary>
internal sealed class SchedulingEventsConsumer(IDocumentSession session) :
    IConsumer<AppointmentBooked>,
    IConsumer<AppointmentRescheduled>,
    IConsumer<AppointmentCancelled>,
    IConsumer<AppointmentCheckedIn>,
    IConsumer<AppointmentCompleted>,
    IConsumer<AppointmentMarkedNoShow>,
    IConsumer<WaitlistSlotOffered>,
    IConsumer<LocationPublished>,
    IConsumer<LocationClosureScheduled>,
    IConsumer<LocationClosureChanged>,
    IConsumer<TherapistWorkingHoursSet>,
    IConsumer<TherapistTimeOffBooked>,
    IConsumer<TherapistTimeOffChanged>,
    IConsumer<TherapistLeavingChanged>
{
    public Task Consume(ConsumeContext<AppointmentBooked> context) => Ingest.Append(session, context, e => e.AppointmentId);

    public Task Consume(ConsumeContext<AppointmentRescheduled> context) => Ingest.Append(session, context, e => e.AppointmentId);

    public Task Consume(ConsumeContext<AppointmentCancelled> context) => Ingest.Append(session, context, e => e.AppointmentId);

    public Task Consume(ConsumeContext<AppointmentCheckedIn> context) => Ingest.Append(session, context, e => e.AppointmentId);

    public Task Consume(ConsumeContext<AppointmentCompleted> context) => Ingest.Append(session, context, e => e.AppointmentId);

    public Task Consume(ConsumeContext<AppointmentMarkedNoShow> context) => Ingest.Append(session, context, e => e.AppointmentId);

    public Task Consume(ConsumeContext<WaitlistSlotOffered> context) => Ingest.Append(session, context, e => e.WaitlistEntryId);

    public Task Consume(ConsumeContext<LocationPublished> context) => Ingest.Append(session, context, e => e.LocationId);

    public Task Consume(ConsumeContext<LocationClosureScheduled> context) => Ingest.Append(session, context, e => e.LocationId);

    public Task Consume(ConsumeContext<LocationClosureChanged> context) => Ingest.Append(session, context, e => e.LocationId);

    public Task Consume(ConsumeContext<TherapistWorkingHoursSet> context) => Ingest.Append(session, context, e => e.TherapistId);

    public Task Consume(ConsumeContext<TherapistTimeOffBooked> context) => Ingest.Append(session, context, e => e.TherapistId);

    public Task Consume(ConsumeContext<TherapistTimeOffChanged> context) => Ingest.Append(session, context, e => e.TherapistId);

    public Task Consume(ConsumeContext<TherapistLeavingChanged> context) => Ingest.Append(session, context, e => e.TherapistId);
}
