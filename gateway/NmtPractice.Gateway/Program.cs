using NmtPractice.Gateway.Edge;
using NmtPractice.Gateway.Health;
using NmtPractice.Gateway.Identity;
using NmtPractice.Gateway.Routing;
using NmtPractice.ServiceDefaults;
using NmtPractice.ServiceDefaults.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEdgeProtection();
builder.AddNmtIdentity();
builder.Services.AddAntiforgery();
builder.AddServiceRoutes();
builder.AddDownstreamHealthChecks();
builder.AddNmtOpenApi();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseCors();
app.UseServiceDefaults(afterAuthentication: pipeline => pipeline.UseRateLimiter());
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapApiIndex();
app.MapPortalAddresses();
app.MapNmtIdentityEndpoints();
// The gateway's own API (staff administration) is documented beside it, not at /openapi (never proxied).
app.MapOpenApi("/api/staff/openapi/{documentName}.json").RequireAuthorization(IdentityExtensions.ApiPolicy);
app.MapReverseProxy();

app.Run();
