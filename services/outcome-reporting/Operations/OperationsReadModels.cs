using JasperFx.Events.Projections;
using Marten;
using NmtPractice.OutcomeReporting.Operations.DailyBookings;

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
    }
}
