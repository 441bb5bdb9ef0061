using NmtPractice.OutcomeReporting;
using NmtPractice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddNmtApiService();
builder.AddOutcomeReporting();

var app = builder.Build();
app.UseNmtApiService();
app.MapOutcomeReporting();

app.Run();
