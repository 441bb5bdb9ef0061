using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Availability;
using NmtPractice.Scheduling.Waitlist;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Calendars;

/// <summary>The front desk's queries: availability, calendars, arrivals, a client's appointments, the waitlist and the therapists' iCalendar feeds.</summary>
public static class FrontDeskApi
{
    public static IEndpointRouteBuilder MapFrontDeskApi(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(ServiceInfo.RoutePrefix);

        root.MapGet("/availability", FindAvailabilityEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff).WithTags("Availability")
            .WithName("FindAvailability").WithSummary("Free slots for a service at a location over up to 14 days")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        root.MapGet("/locations/{id:guid}/calendar", CalendarQueries.CalendarAsync).RequireRoles(NmtRoleSets.AllStaff).WithTags("Calendars")
            .WithName("GetLocationCalendar").WithSummary("A day or week of a location's appointments, by therapist or by room")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        root.MapGet("/locations/{id:guid}/arrivals", CalendarQueries.ArrivalsAsync).RequireRoles(NmtRoleSets.AllStaff).WithTags("Calendars")
            .WithName("GetArrivals").WithSummary("Who is expected today (or on a date)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        root.MapGet("/clients/{clientId:guid}/appointments", CalendarQueries.ClientAppointmentsAsync).RequireRoles(NmtRoleSets.AllStaff).WithTags("Calendars")
            .WithName("GetClientAppointments").WithSummary("A client's upcoming and past appointments at your locations");

        root.MapGet("/therapists/{id:guid}/calendar.ics", TherapistCalendarFeed.Handle).RequireRoles(NmtRoleSets.AllStaff).WithTags("Calendars")
            .WithName("GetTherapistCalendarFeed").WithSummary("A therapist's appointments as an iCalendar feed")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);

        var waitlist = root.MapGroup("/waitlist").WithTags("Waitlist");
        waitlist.MapPost("/", WaitlistCommands.JoinAsync).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("JoinWaitlist").WithSummary("Put a client on the waitlist").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        waitlist.MapPost("/{id:guid}/decline", WaitlistCommands.DeclineAsync).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("DeclineWaitlistOffer").WithSummary("Decline the slot on offer; it goes to the next client in line")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        waitlist.MapPost("/{id:guid}/withdraw", WaitlistCommands.WithdrawAsync).RequireRoles(NmtRoleSets.FrontOffice)
            .WithName("WithdrawFromWaitlist").WithSummary("Take a client off the waitlist")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        root.MapGet("/locations/{locationId:guid}/waitlist", WaitlistCommands.ListAsync).RequireRoles(NmtRoleSets.FrontOffice).WithTags("Waitlist")
            .WithName("GetWaitlist").WithSummary("Open waitlist entries of a location, longest waiting first");

        return app;
    }
}
