using NmtPractice.Gateway.Edge;
using NmtPractice.Gateway.Health;
using NmtPractice.Gateway.Identity;
using NmtPractice.Gateway.Routing;
using NmtPractice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEdgeProtection();
builder.AddNmtIdentity();
builder.Services.AddAntiforgery();
builder.AddServiceRoutes();
builder.AddDownstreamHealthChecks();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseCors();
app.UseServiceDefaults(afterAuthentication: pipeline => pipeline.UseRateLimiter());
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapApiIndex();
app.MapNmtIdentityEndpoints();
app.MapReverseProxy();

app.Run();
