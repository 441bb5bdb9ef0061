using NmtPractice.Contracts.Security;
using NmtPractice.Gateway.Identity;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Gateway.Staff;

/// <summary>
/// <c>/api/staff</c>: staff administration at the gateway, which holds the accounts. Clinic managers
/// (for the locations they manage) and operations admins; bearer tokens only (never the sign-in
/// cookie, so no cross-site request can use it). Every refusal is audited.
/// </summary>
internal static class StaffApi
{
    private static readonly string[] Administrators = [NmtRoles.ClinicManager, NmtRoles.OperationsAdmin];

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityExtensions.ApiScheme).RequireRole(Administrators))
            .WithMetadata(new AllowedRoles(Administrators))
            .AddEndpointFilter(AuditRefusalsAsync)
            .DisableAntiforgery()
            .WithTags("Staff");

        staff.MapGet("/", async (Guid? locationId, StaffAccounts accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await accounts.ListAsync(locationId, cancellationToken)))
            .WithName("ListStaff").WithSummary("The staff of the locations the caller manages (everyone, for operations admins)");

        staff.MapGet("/{id}", async (string id, StaffAccounts accounts, HttpResponse response, CancellationToken cancellationToken) =>
            {
                var (member, etag) = await accounts.GetAsync(id, cancellationToken);
                response.Headers.ETag = etag;
                return TypedResults.Ok(member);
            })
            .WithName("GetStaffMember").WithSummary("One staff member, with the ETag their role changes must name");

        staff.MapPost("/invitations", async (InviteStaffMember request, StaffAccounts accounts, CancellationToken cancellationToken) =>
            {
                var invitation = await accounts.InviteAsync(request, cancellationToken);
                return TypedResults.Created($"/api/staff/{invitation.Member.Id}", invitation);
            })
            .WithName("InviteStaffMember").WithSummary("Invite a person with roles per location: returns their one-time set-password link");

        staff.MapPut("/{id}/roles", async (string id, ChangeStaffRoles request, HttpRequest http, StaffAccounts accounts, CancellationToken cancellationToken) =>
            {
                var (member, etag) = await accounts.ChangeRolesAsync(id, http.Headers.IfMatch.ToString(), request, cancellationToken);
                http.HttpContext.Response.Headers.ETag = etag;
                return TypedResults.Ok(member);
            })
            .WithName("ChangeStaffRoles").WithSummary("Replace a staff member's roles (a manager's request changes only the locations they manage); needs If-Match");

        staff.MapPost("/{id}/deactivate", async (string id, StaffAccounts accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await accounts.DeactivateAsync(id, cancellationToken)))
            .WithName("DeactivateStaffMember").WithSummary("End a person's access: no sign-in, sessions ended, tokens refused within a minute");

        staff.MapPost("/{id}/reactivate", async (string id, StaffAccounts accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await accounts.ReactivateAsync(id, cancellationToken)))
            .WithName("ReactivateStaffMember").WithSummary("Let a deactivated person sign in again");

        staff.MapPost("/{id}/unlock", async (string id, StaffAccounts accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await accounts.UnlockAsync(id, cancellationToken)))
            .WithName("UnlockStaffMember").WithSummary("Lift the lockout after too many wrong passwords");

        staff.MapPost("/{id}/password-reset", async (string id, StaffAccounts accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await accounts.ResetPasswordAsync(id, cancellationToken)))
            .WithName("ResetStaffPassword").WithSummary("End a person's sessions, clear their password and give a new one-time set-password link");

        return app;
    }

    /// <summary>A refusal (403) is written to the gateway's audit log with the request's path (ids only) and the location when known.</summary>
    private static async ValueTask<object?> AuditRefusalsAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (ForbiddenException refused) when (!refused.Audited)
        {
            var context = invocation.HttpContext;
            var audit = context.RequestServices.GetRequiredService<IdentityAudit>();
            var actor = context.RequestServices.GetRequiredService<CurrentUser>();
            var time = context.RequestServices.GetRequiredService<TimeProvider>();
            await audit.RecordAsync(
                context,
                actor.Id,
                new AuditEntry(context.Request.Method.ToLowerInvariant(), "endpoint", context.Request.Path.Value ?? "/", refused.LocationId, null),
                allowed: false,
                time.GetUtcNow());
            throw new ForbiddenException(refused.Message) { LocationId = refused.LocationId, Audited = true };
        }
    }
}
