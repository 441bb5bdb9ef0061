using NmtPractice.Scheduling;
using NmtPractice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddNmtApiService();
builder.AddScheduling();

var app = builder.Build();
app.UseNmtApiService();
app.MapScheduling();

app.Run();
