using NmtPractice.ServiceDefaults;
using NmtPractice.Web;
using NmtPractice.Web.Api;
using NmtPractice.Web.Components;
using NmtPractice.Web.Export;
using NmtPractice.Web.Session;
using NmtPractice.Web.SignIn;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

// Run from the build output (start script, tests) as well as from a published folder.
builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults();
builder.AddWebSignIn();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.AddHttpClient<GatewayApi>((services, http) => http.BaseAddress = services.GetRequiredService<WebOptions>().Gateway)
    .AddHttpMessageHandler<InternalAddressHandler>();
builder.Services.AddScoped<WorkingLocation>();
builder.Services.AddScoped<Announcer>();
builder.Services.AddScoped<ClientDirectory>();

var app = builder.Build();

// The gateway serves the application under /app; routing must see the path without it.
app.UsePathBase("/app");

// A page that does not exist is the application's own "not found" page (with status 404), not a JSON problem.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRouting();
app.UseServiceDefaults(problemStatusPages: false);
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapSignOut();
app.MapExports();
app.MapClientDataDownload();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization();

app.Run();
