using NmtPractice.OutcomeReporting;
using NmtPractice.OutcomeReporting.Ingestion;
using NmtPractice.OutcomeReporting.Operations;
using NmtPractice.ServiceDefaults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNmtAuthentication();
builder.AddNmtOpenApi();
builder.Services.AddValidation();
builder.AddNmtEventStore(ServiceInfo.Schema, OperationsReadModels.Configure);
builder.AddNmtMessaging(ServiceInfo.Name, IngestionConsumers.Register);

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapNmtOpenApi();
app.MapOperationsApi();

app.Run();
