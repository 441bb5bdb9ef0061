using JasperFx.Events.Projections;
using NmtPractice.Intake;
using NmtPractice.Intake.Clients;
using NmtPractice.Intake.Expiry;
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
builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection(IntakeOptions.Section));
builder.AddNmtEventStore(ServiceInfo.Schema, options =>
    {
        options.Projections.Snapshot<ClientRecord>(SnapshotLifecycle.Inline);
        options.Schema.For<ClientRecord>().Index(client => client.LocationId);
    })
    .PublishIntegrationEvents(IntakeIntegrationEvents.Map);
builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
builder.AddNmtMessaging(ServiceInfo.Name);
if (builder.Configuration.GetValue("EventStore:AsyncDaemon", AsyncDaemonMode.Solo) == AsyncDaemonMode.Solo)
{
    builder.Services.AddHostedService<LapseMonitor>();
}

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapNmtOpenApi();
app.MapReferenceApi();
app.MapClientsApi();
app.MapAuditApi(ServiceInfo.RoutePrefix);

app.Run();
