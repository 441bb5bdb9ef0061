using NmtPractice.TreatmentRecords;
using NmtPractice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddNmtApiService();
builder.AddTreatmentRecords();

var app = builder.Build();
app.UseNmtApiService();
app.MapTreatmentRecords();

app.Run();
