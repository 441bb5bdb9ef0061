using MassTransit;

namespace NmtPractice.OutcomeReporting.Ingestion;

/// <summary>The consumers that ingest other services' integration events.</summary>
internal static class IngestionConsumers
{
    public static void Register(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<AppointmentBookedConsumer>();
}
