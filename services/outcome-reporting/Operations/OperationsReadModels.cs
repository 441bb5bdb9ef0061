using JasperFx.Events.Projections;
using Marten;
using NmtPractice.OutcomeReporting.Operations.Appointments;
using NmtPractice.OutcomeReporting.Operations.Availability;
using NmtPractice.OutcomeReporting.Operations.DailyBookings;
using NmtPractice.OutcomeReporting.Operations.Screenings;
using NmtPractice.OutcomeReporting.Operations.Waitlist;

namespace NmtPractice.OutcomeReporting.Operations;

/// <summary>The operations read models and how they are projected (asynchronously, by the daemon).</summary>
internal static class OperationsReadModels
{
    public static void Configure(StoreOptions options)
    {
        options.Projections.Add<DailyLocationBookingsProjection>(ProjectionLifecycle.Async);
        options.Schema.For<DailyLocationBookings>()
            .Index(view => view.LocationId)
            .Index(view => view.Date);

        options.Projections.Add<AppointmentFactsProjection>(ProjectionLifecycle.Async);
        options.Schema.For<AppointmentFacts>()
            .Index(view => view.Date)
            .Index(view => view.LocationId)
            .Index(view => view.ClientId);

        options.Projections.Add<TherapistAvailabilityProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<LocationCalendarProjection>(ProjectionLifecycle.Async);

        options.Projections.Add<ScreeningDayProjection>(ProjectionLifecycle.Async);
        options.Schema.For<ScreeningDay>().Index(view => view.Date);

        options.Projections.Add<WaitlistOfferDayProjection>(ProjectionLifecycle.Async);
        options.Schema.For<WaitlistOfferDay>().Index(view => view.Date);
    }
}
