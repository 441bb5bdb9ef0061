using NmtPractice.Gateway.Health;
using NmtPractice.Gateway.Routing;
using NmtPractice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceRoutes();
builder.AddDownstreamHealthChecks();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapApiIndex();
app.MapReverseProxy();

app.Run();
