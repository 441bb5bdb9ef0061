using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Waitlist.DecliningOffer;
using NmtPractice.Scheduling.Waitlist.JoiningWaitlist;
using NmtPractice.Scheduling.Waitlist.ListingWaitlist;
using NmtPractice.Scheduling.Waitlist.WithdrawingFromWaitlist;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Waitlist;

/// <summary>
/// The waitlist: clients wait for a service at a location in a date range; when an appointment is
/// cancelled or moved, the freed slot is offered to the longest-waiting matching entry
/// (<see cref="WaitlistOfferer"/>); booking from the offer fulfils the entry, declining passes the
/// slot to the next entry in line.
/// </summary>
public static class WaitlistApi
{
    public static IEndpointRouteBuilder MapWaitlistApi(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(ServiceInfo.RoutePrefix);
        var waitlist = root.MapGroup("/waitlist").WithTags("Waitlist");
        waitlist.MapPost("/", JoinWaitlistEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("JoinWaitlist").WithSummary("Put a client on the waitlist").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        waitlist.MapPost("/{id:guid}/decline", DeclineOfferEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("DeclineWaitlistOffer").WithSummary("Decline the slot on offer; it goes to the next client in line")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        waitlist.MapPost("/{id:guid}/withdraw", WithdrawFromWaitlistEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("WithdrawFromWaitlist").WithSummary("Take a client off the waitlist")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        root.MapGet("/locations/{locationId:guid}/waitlist", ListWaitlistEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice).WithTags("Waitlist")
            .WithName("GetWaitlist").WithSummary("Open waitlist entries of a location, longest waiting first");
        return app;
    }
}
