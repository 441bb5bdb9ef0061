namespace NmtPractice.Scheduling.Appointments;

/// <summary>The appointment book's HTTP API.</summary>
public static class AppointmentsApi
{
    /// <summary>Maps <c>/api/scheduling/appointments</c>.</summary>
    public static IEndpointRouteBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup($"{ServiceInfo.RoutePrefix}/appointments")
            .WithTags("Appointments");

        appointments.MapPost("/", BookingAppointment.BookAppointmentEndpoint.Handle)
            .RequireRoles(NmtRoleSets.Booking)
            .WithName("BookAppointment")
            .WithSummary("Book an appointment (the therapist and room can never be double-booked)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        appointments.MapGet("/{id:guid}", GettingAppointment.GetAppointmentEndpoint.Handle)
            .RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetAppointment")
            .WithSummary("Read an appointment")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        appointments.MapPost("/{id:guid}/reschedule", ChangingAppointment.ChangeAppointmentEndpoints.RescheduleAsync)
            .RequireRoles(NmtRoleSets.Booking).WithName("RescheduleAppointment").WithSummary("Move an appointment to another time, therapist or room")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        appointments.MapPost("/{id:guid}/cancel", ChangingAppointment.ChangeAppointmentEndpoints.CancelAsync)
            .RequireRoles(NmtRoleSets.Booking).WithName("CancelAppointment").WithSummary("Cancel an appointment with a reason (late inside the notice window)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapPost("/{id:guid}/check-in", ChangingAppointment.ChangeAppointmentEndpoints.CheckInAsync)
            .RequireRoles(NmtRoleSets.FrontOffice).WithName("CheckInClient").WithSummary("Check the client in on the day")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapPost("/{id:guid}/cancel-request/kept", SettlingCancelRequest.SettleCancelRequestEndpoint.Handle)
            .RequireRoles(NmtRoleSets.Booking).WithName("SettleCancelRequest")
            .WithSummary("The desk called a client who asked too late to cancel, and they keep the appointment: the request is settled")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapPost("/{id:guid}/complete", ChangingAppointment.ChangeAppointmentEndpoints.CompleteAsync)
            .RequireRoles(NmtRoleSets.LocationStaff).WithName("CompleteAppointment").WithSummary("Mark a checked-in appointment as completed")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapPost("/{id:guid}/no-show", ChangingAppointment.ChangeAppointmentEndpoints.MarkNoShowAsync)
            .RequireRoles(NmtRoleSets.FrontOffice).WithName("MarkNoShow").WithSummary("Mark that the client did not come")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var series = app.MapGroup($"{ServiceInfo.RoutePrefix}/appointment-series")
            .WithTags("Appointment series");

        series.MapPost("/", BookingSeries.BookSeriesEndpoint.Handle)
            .RequireRoles(NmtRoleSets.Booking).WithName("BookSeries")
            .WithSummary("Book a series (every N weeks, M times or until a day); each occurrence is booked or refused on its own, refusals with alternatives")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        series.MapGet("/{seriesId:guid}", ChangingSeries.ChangeSeriesEndpoints.GetAsync)
            .RequireRoles(NmtRoleSets.AllStaff).WithName("GetSeries").WithSummary("Read a series: its appointments by start")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        series.MapPost("/{seriesId:guid}/cancel", ChangingSeries.ChangeSeriesEndpoints.CancelFollowingAsync)
            .RequireRoles(NmtRoleSets.Booking).WithName("CancelSeriesFollowing").WithSummary("Cancel an occurrence and every later one still booked")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        series.MapPost("/{seriesId:guid}/move", ChangingSeries.ChangeSeriesEndpoints.MoveFollowingAsync)
            .RequireRoles(NmtRoleSets.Booking).WithName("MoveSeriesFollowing")
            .WithSummary("Move an occurrence and every later one still booked by the same days to the same new time, all or none")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
