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
        waitlist.MapPost("/", JoiningWaitlist.JoinWaitlistEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("JoinWaitlist").WithSummary("Put a client on the waitlist").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        waitlist.MapPost("/{id:guid}/decline", DecliningOffer.DeclineOfferEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("DeclineWaitlistOffer").WithSummary("Decline the slot on offer; it goes to the next client in line")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        waitlist.MapPost("/{id:guid}/withdraw", WithdrawingFromWaitlist.WithdrawFromWaitlistEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("WithdrawFromWaitlist").WithSummary("Take a client off the waitlist")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        root.MapGet("/locations/{locationId:guid}/waitlist", ListingWaitlist.ListWaitlistEndpoint.Handle).RequireRoles(NmtRoleSets.FrontOffice).WithTags("Waitlist")
            .WithName("GetWaitlist").WithSummary("Open waitlist entries of a location, longest waiting first");
        return app;
    }
}
