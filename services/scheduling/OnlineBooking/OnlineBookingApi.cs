namespace NmtPractice.Scheduling.OnlineBooking;

/// <summary>
/// What the public booking pages read without signing in: the locations that take bookings online,
/// their services, prices and therapists, and their free times, as each location's online-booking
/// policy allows. Nothing in it is personal (a free time says only who works then). Answers are kept
/// for <see cref="OnlineBookingCache.Lifetime"/> (a booking is checked again when it is made); the
/// gateway limits each client address harder here than elsewhere. And the booking a signed-in client
/// makes from them (their own token, their own records).
/// </summary>
public static class OnlineBookingApi
{
    public static IEndpointRouteBuilder MapOnlineBookingApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup($"{ServiceInfo.RoutePrefix}/public").WithTags("Online booking").AllowAnonymous();
        open.MapGet("/locations", ListingBookableLocations.ListBookableLocationsEndpoint.Handle)
            .WithName("ListBookableLocations").WithSummary("The locations that take bookings online, with the services clients may book there and who offers them");
        open.MapGet("/locations/{id:guid}/times", FindingOnlineTimes.FindOnlineTimesEndpoint.Handle)
            .WithName("FindOnlineTimes").WithSummary("Free times of a service at a location that clients may book online (up to 14 days at a time, within the location's policy)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        // A signed-in client (the portal's token) books for their own records.
        app.MapPost($"{ServiceInfo.RoutePrefix}/online-bookings", BookingOnline.BookOnlineEndpoint.Handle).RequireRoles(NmtRoles.Client).WithTags("Online booking")
            .WithName("BookOnline").WithSummary("A signed-in client books a time for themselves, within the location's online policy and behind the screening")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost($"{ServiceInfo.RoutePrefix}/online-bookings/{{id:guid}}/reschedule", ChangingOnlineBooking.ChangeOnlineBookingEndpoints.MoveAsync).RequireRoles(NmtRoles.Client).WithTags("Online booking")
            .WithName("MoveOnlineBooking").WithSummary("A signed-in client moves their own appointment, outside the location's cancellation notice, to a time they could book online")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost($"{ServiceInfo.RoutePrefix}/online-bookings/{{id:guid}}/cancel", ChangingOnlineBooking.ChangeOnlineBookingEndpoints.CancelAsync).RequireRoles(NmtRoles.Client).WithTags("Online booking")
            .WithName("CancelOnlineBooking").WithSummary("A signed-in client cancels their own appointment, outside the location's cancellation notice (closer in, they call)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
