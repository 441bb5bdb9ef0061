using JasperFx.Events.Projections;
using NmtPractice.TreatmentRecords;
using NmtPractice.TreatmentRecords.SessionNotes;
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
builder.AddNmtEventStore(ServiceInfo.Schema, options => options.Projections.Snapshot<SessionNote>(SnapshotLifecycle.Inline));
builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
builder.AddNmtMessaging(ServiceInfo.Name);

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapNmtOpenApi();
app.MapSessionNotesApi();
app.MapAuditApi(ServiceInfo.RoutePrefix);

app.Run();
