using JasperFx.Events.Projections;
using NmtPractice.ServiceDefaults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.EventStore;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.ServiceDefaults.Security;
using NmtPractice.TreatmentRecords;
using NmtPractice.TreatmentRecords.Practice;
using NmtPractice.TreatmentRecords.Reference;
using NmtPractice.TreatmentRecords.Screening;
using NmtPractice.TreatmentRecords.SessionNotes;
using NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNmtAuthentication();
builder.AddNmtOpenApi();
builder.Services.AddValidation();
builder.Services.AddOptions<TreatmentRecordsOptions>()
    .Bind(builder.Configuration.GetSection(TreatmentRecordsOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();

builder.AddNmtEventStore(ServiceInfo.Schema, options =>
    {
        options.Projections.Snapshot<SessionNote>(SnapshotLifecycle.Inline);
        options.Schema.For<SessionNote>().Index(note => note.ClientId).Index(note => note.LocationId);
        options.Schema.For<ClientScreening>().UseOptimisticConcurrency(true);
    })
    .PublishIntegrationEvents(TreatmentRecordsIntegrationEvents.Map);
builder.AddNmtAuditLog(ServiceInfo.Schema, ServiceInfo.Name);
builder.AddNmtMessaging(ServiceInfo.Name, bus =>
{
    bus.AddConsumer<OpenOnCheckInConsumer>(typeof(OpenOnCheckInConsumerDefinition));
    bus.AddConsumer<LocationClockConsumer>();
    bus.AddConsumer<TherapistRosterConsumer>();
});

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapNmtOpenApi();
app.MapSessionNotesApi();
app.MapReferenceApi();
app.MapAuditApi(ServiceInfo.RoutePrefix);

app.Run();
