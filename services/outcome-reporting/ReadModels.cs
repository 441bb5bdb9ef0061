using JasperFx.Events.Projections;
using NmtPractice.OutcomeReporting.Operations.Availability;
using NmtPractice.OutcomeReporting.Operations.GettingDailyBookings;
using NmtPractice.OutcomeReporting.Operations.GettingScreeningOutcomes;
using NmtPractice.OutcomeReporting.Operations.GettingWaitlistActivity;

namespace NmtPractice.OutcomeReporting;

/// <summary>A read model: its document, the projection that builds it from the ingested events, and how its documents are stored.</summary>
public sealed class ReadModel
{
    private readonly Action<StoreOptions> _register;

    private ReadModel(Type document, Type projection, Action<StoreOptions> register)
    {
        Document = document;
        Projection = projection;
        _register = register;
    }

    /// <summary>The document the projection writes.</summary>
    public Type Document { get; }

    /// <summary>The projection that builds it.</summary>
    public Type Projection { get; }

    /// <summary>The projection's name, as its progress is stored.</summary>
    public string Name => Document.Name;

    /// <summary>The async daemon's shard of the projection (it reads every event).</summary>
    public string ShardName => $"{Name}:All";

    /// <summary>
    /// A read model of <typeparamref name="TDocument"/> built by <typeparamref name="TProjection"/> in the
    /// async daemon, its documents stored as <paramref name="document"/> says (indexes the queries filter on).
    /// </summary>
    public static ReadModel Of<TDocument, TProjection>(Action<MartenRegistry.DocumentMappingExpression<TDocument>>? document = null)
        where TProjection : ProjectionBase, IProjectionSource<IDocumentOperations, IQuerySession>, new() =>
        new(typeof(TDocument), typeof(TProjection), options =>
        {
            options.Projections.Add<TProjection>(ProjectionLifecycle.Async);
            if (document is not null)
            {
                document(options.Schema.For<TDocument>());
            }
        });

    /// <summary>Registers the projection and the document's storage with the store.</summary>
    public void Register(StoreOptions options) => _register(options);
}

/// <summary>
/// Every read model of outcome reporting, in one place: what the store registers and what a rebuild
/// rebuilds, so that no projection runs that a rebuild would leave out.
/// </summary>
public static class ReadModels
{
    public static IReadOnlyList<ReadModel> All { get; } =
    [
        ReadModel.Of<SessionOutcome, SessionOutcomeProjection>(document => document
            .Index(outcome => outcome.SessionDate)
            .Index(outcome => outcome.ClientId)
            .Index(outcome => outcome.LocationId)),
        ReadModel.Of<AppointmentFacts, AppointmentFactsProjection>(document => document
            .Index(view => view.Date)
            .Index(view => view.LocationId)
            .Index(view => view.ClientId)),
        ReadModel.Of<TherapistAvailability, TherapistAvailabilityProjection>(),
        ReadModel.Of<LocationCalendar, LocationCalendarProjection>(),
        ReadModel.Of<ScreeningDay, ScreeningDayProjection>(document => document.Index(view => view.Date)),
        ReadModel.Of<WaitlistOfferDay, WaitlistOfferDayProjection>(document => document.Index(view => view.Date)),
        ReadModel.Of<DailyLocationBookings, DailyLocationBookingsProjection>(document => document
            .Index(view => view.LocationId)
            .Index(view => view.Date)),
        ReadModel.Of<ClientHistory, ClientHistoryProjection>(),
    ];

    /// <summary>Registers every read model with the store (<c>AddNmtEventStore</c>'s configuration).</summary>
    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var model in All)
        {
            model.Register(options);
        }
    }
}
