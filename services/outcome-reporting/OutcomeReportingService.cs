using NmtPractice.OutcomeReporting.Clinical;
using NmtPractice.OutcomeReporting.Ingestion;
using NmtPractice.OutcomeReporting.Operations;
using NmtPractice.OutcomeReporting.Rebuilding;
using NmtPractice.OutcomeReporting.Rebuilding.RebuildingReadModels;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;

namespace NmtPractice.OutcomeReporting;

/// <summary>The outcome-reporting service's own wiring: what <c>Program.cs</c> adds after the shared defaults.</summary>
public static class OutcomeReportingService
{
    /// <summary>Options, the event store and its projections, messaging and the service's own background work.</summary>
    public static WebApplicationBuilder AddOutcomeReporting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        builder.AddNmtOptions<OutcomeReportingOptions>(OutcomeReportingOptions.Section);
        builder.Services.AddSingleton<FreshnessReader>();
        builder.Services.AddSingleton<ReadModelRebuilder>();

        builder.AddNmtEventStore(ServiceInfo.Schema, ReadModels.Register);
        builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
        builder.AddNmtMessaging(ServiceInfo.Name, IngestionConsumers.Register);
        return builder;
    }

    /// <summary>The service's endpoints.</summary>
    public static IEndpointRouteBuilder MapOutcomeReporting(this IEndpointRouteBuilder app) =>
        app.MapClinicalApi().MapOperationsApi().MapRebuildApi().MapAuditApi(ServiceInfo.RoutePrefix);
}
