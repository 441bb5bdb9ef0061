using Marten;
using MassTransit;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>
/// Records a booked appointment in outcome-reporting's own event store (stream per appointment), from
/// which the read models are projected. The inbox filter commits this append together with the
/// message's inbox record, so a redelivery is never counted twice.
/// </summary>
internal sealed class AppointmentBookedConsumer(IDocumentSession session) : IConsumer<AppointmentBooked>
{
    public Task Consume(ConsumeContext<AppointmentBooked> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        session.Events.Append(context.Message.AppointmentId, context.Message);
        return Task.CompletedTask;
    }
}
