using NmtPractice.Scheduling.Appointments.BookingAppointment;
using NmtPractice.Scheduling.Appointments.GettingAppointment;

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
            .WithName("BookAppointment")
            .WithSummary("Book an appointment")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        appointments.MapGet("/{id:guid}", GetAppointmentEndpoint.Handle)
            .WithName("GetAppointment")
            .WithSummary("Read an appointment")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
