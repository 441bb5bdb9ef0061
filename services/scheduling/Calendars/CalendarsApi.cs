namespace NmtPractice.Scheduling.Calendars;

/// <summary>The front desk's and therapists' calendars: a location's days, today's arrivals, a client's appointments, a therapist's iCalendar feed.</summary>
public static class CalendarsApi
{
    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Calendars");

        root.MapGet("/locations/{id:guid}/calendar", GettingLocationCalendar.GetLocationCalendarEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetLocationCalendar").WithSummary("A day or week of a location's appointments, by therapist or by room")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        root.MapGet("/locations/{id:guid}/arrivals", GettingArrivals.GetArrivalsEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetArrivals").WithSummary("Who is expected today (or on a date)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        root.MapGet("/clients/{clientId:guid}/appointments", GettingClientAppointments.GetClientAppointmentsEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaffAndTheClient)
            .WithName("GetClientAppointments").WithSummary("A client's upcoming and past appointments at your locations; the signed-in client their own everywhere")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        root.MapGet("/therapists/{id:guid}/calendar.ics", GettingTherapistCalendarFeed.GetTherapistCalendarFeedEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetTherapistCalendarFeed").WithSummary("A therapist's appointments as an iCalendar feed")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
