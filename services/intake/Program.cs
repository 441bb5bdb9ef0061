using NmtPractice.Intake;
using NmtPractice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddNmtApiService();
builder.AddIntake();

var app = builder.Build();
app.UseNmtApiService();
app.MapIntake();

app.Run();
