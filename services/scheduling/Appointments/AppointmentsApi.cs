using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Appointments.BookingAppointment;
using NmtPractice.Scheduling.Appointments.ChangingAppointment;
using NmtPractice.Scheduling.Appointments.GettingAppointment;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Appointments;

/// <summary>The appointment book's HTTP API.</summary>
public static class AppointmentsApi
{
    private static readonly string[] Desk = [NmtRoles.FrontDesk, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin];
    private static readonly string[] Everyone = [NmtRoles.FrontDesk, NmtRoles.Therapist, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin];

    /// <summary>Maps <c>/api/scheduling/appointments</c>.</summary>
    public static IEndpointRouteBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup($"{ServiceInfo.RoutePrefix}/appointments")
            .WithTags("Appointments");

        appointments.MapPost("/", BookAppointmentEndpoint.Handle)
            .RequireRoles(Desk)
            .WithName("BookAppointment")
            .WithSummary("Book an appointment (the therapist and room can never be double-booked)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        appointments.MapGet("/{id:guid}", GetAppointmentEndpoint.Handle)
            .RequireRoles(Everyone)
            .WithName("GetAppointment")
            .WithSummary("Read an appointment")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        appointments.MapPost("/{id:guid}/reschedule", ChangeAppointmentEndpoints.RescheduleAsync)
            .RequireRoles(Desk).WithName("RescheduleAppointment").WithSummary("Move an appointment to another time, therapist or room")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        appointments.MapPost("/{id:guid}/cancel", ChangeAppointmentEndpoints.CancelAsync)
            .RequireRoles(Desk).WithName("CancelAppointment").WithSummary("Cancel an appointment with a reason (late inside the notice window)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapPost("/{id:guid}/check-in", ChangeAppointmentEndpoints.CheckInAsync)
            .RequireRoles(NmtRoles.FrontDesk, NmtRoles.ClinicManager).WithName("CheckInClient").WithSummary("Check the client in on the day")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapPost("/{id:guid}/complete", ChangeAppointmentEndpoints.CompleteAsync)
            .RequireRoles(NmtRoles.Therapist, NmtRoles.FrontDesk, NmtRoles.ClinicManager).WithName("CompleteAppointment").WithSummary("Mark a checked-in appointment as completed")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapPost("/{id:guid}/no-show", ChangeAppointmentEndpoints.MarkNoShowAsync)
            .RequireRoles(NmtRoles.FrontDesk, NmtRoles.ClinicManager).WithName("MarkNoShow").WithSummary("Mark that the client did not come")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
