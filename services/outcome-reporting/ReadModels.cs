using JasperFx.Events.Projections;
using Marten;
using NmtPractice.OutcomeReporting.Dashboards;
using NmtPractice.OutcomeReporting.Clinical;
using NmtPractice.OutcomeReporting.Clinical.SessionOutcomes;
using NmtPractice.OutcomeReporting.Operations;
using NmtPractice.OutcomeReporting.Operations.Appointments;
using NmtPractice.OutcomeReporting.Operations.Availability;
using NmtPractice.OutcomeReporting.Operations.DailyBookings;
using NmtPractice.OutcomeReporting.Operations.Screenings;
using NmtPractice.OutcomeReporting.Operations.Waitlist;

namespace NmtPractice.OutcomeReporting;

/// <summary>A read model and the projection that builds it from the ingested events.</summary>
public sealed record ReadModel(Type Document, Type Projection)
{
    /// <summary>The projection's name, as its progress is stored.</summary>
    public string Name => Document.Name;

    /// <summary>The async daemon's shard of the projection (it reads every event).</summary>
    public string ShardName => $"{Name}:All";
}

/// <summary>Every read model of outcome reporting: what a rebuild rebuilds.</summary>
public static class ReadModels
{
    public static IReadOnlyList<ReadModel> All { get; } =
    [
        new(typeof(SessionOutcome), typeof(SessionOutcomeProjection)),
        new(typeof(AppointmentFacts), typeof(AppointmentFactsProjection)),
        new(typeof(TherapistAvailability), typeof(TherapistAvailabilityProjection)),
        new(typeof(LocationCalendar), typeof(LocationCalendarProjection)),
        new(typeof(ScreeningDay), typeof(ScreeningDayProjection)),
        new(typeof(WaitlistOfferDay), typeof(WaitlistOfferDayProjection)),
        new(typeof(DailyLocationBookings), typeof(DailyLocationBookingsProjection)),
        new(typeof(ClientHistory), typeof(ClientHistoryProjection)),
    ];

    public static void Configure(StoreOptions options)
    {
        ClinicalApi.ConfigureReadModels(options);
        OperationsReadModels.Configure(options);
        options.Projections.Add<ClientHistoryProjection>(ProjectionLifecycle.Async);
    }
}
