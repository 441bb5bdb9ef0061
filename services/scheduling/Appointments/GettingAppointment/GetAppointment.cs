using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Scheduling.Clients;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Appointments.GettingAppointment;

/// <summary><c>GET /api/scheduling/appointments/{id}</c>.</summary>
internal static class GetAppointmentEndpoint
{
    internal static async Task<Ok<AppointmentResponse>> Handle(
        Guid id,
        IQuerySession session,
        CurrentUser user,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var appointment = await session.LoadAsync<Appointment>(id, cancellationToken)
            ?? throw new NotFoundException("Appointment not found", "No appointment has this id.");
        user.EnsureCanAccess(appointment.LocationId);
        var location = await session.LoadAsync<Location>(appointment.LocationId, cancellationToken);
        var client = await session.LoadAsync<ClientBookingStatus>(appointment.ClientId, cancellationToken);
        response.SetETag(appointment.Version);
        return TypedResults.Ok(AppointmentResponse.From(appointment, location?.Zone, client?.DisplayName));
    }
}
