using NmtPractice.OutcomeReporting;
using NmtPractice.OutcomeReporting.Clinical;
using NmtPractice.OutcomeReporting.Dashboards;
using NmtPractice.OutcomeReporting.Ingestion;
using NmtPractice.OutcomeReporting.Operations;
using NmtPractice.OutcomeReporting.Rebuilding;
using NmtPractice.ServiceDefaults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNmtAuthentication();
builder.AddNmtOpenApi();
builder.Services.AddValidation();
builder.Services.AddOptions<OutcomeReportingOptions>()
    .Bind(builder.Configuration.GetSection(OutcomeReportingOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<FreshnessReader>();
builder.Services.AddSingleton<ReadModelRebuilder>();

builder.AddNmtEventStore(ServiceInfo.Schema, ReadModels.Configure);
builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
builder.AddNmtMessaging(ServiceInfo.Name, IngestionConsumers.Register);

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapNmtOpenApi();
app.MapClinicalApi();
app.MapOperationsApi();
app.MapRebuildApi();
app.MapAuditApi(ServiceInfo.RoutePrefix);

app.Run();
