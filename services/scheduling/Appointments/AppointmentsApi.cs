using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Appointments.BookingAppointment;
using NmtPractice.Scheduling.Appointments.GettingAppointment;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Appointments;

/// <summary>The appointment book's HTTP API.</summary>
public static class AppointmentsApi
{
    /// <summary>Maps <c>/api/scheduling/appointments</c>.</summary>
    public static IEndpointRouteBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup($"{ServiceInfo.RoutePrefix}/appointments")
            .WithTags("Appointments");

        appointments.MapPost("/", BookAppointmentEndpoint.Handle)
            .RequireRoles(NmtRoles.FrontDesk, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin)
            .WithName("BookAppointment")
            .WithSummary("Book an appointment")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        appointments.MapGet("/{id:guid}", GetAppointmentEndpoint.Handle)
            .RequireRoles(NmtRoles.FrontDesk, NmtRoles.Therapist, NmtRoles.ClinicManager, NmtRoles.OperationsAdmin)
            .WithName("GetAppointment")
            .WithSummary("Read an appointment")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }
}
