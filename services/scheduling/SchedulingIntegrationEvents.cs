using NmtPractice.Scheduling.Appointments;
using NmtPractice.ServiceDefaults.Messaging;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling;

/// <summary>The domain events scheduling publishes, and the integration event each becomes.</summary>
internal static class SchedulingIntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<AppointmentBooked>((booked, committed) => new Published.AppointmentBooked(
            booked.AppointmentId,
            booked.ClientId,
            booked.LocationId,
            booked.TherapistId,
            booked.ServiceCode,
            booked.StartsAt,
            booked.EndsAt,
            committed.Timestamp));
}
