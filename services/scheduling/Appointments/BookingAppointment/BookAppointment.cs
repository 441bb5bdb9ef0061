using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Appointments.BookingAppointment;

/// <summary>What the front desk sends to book an appointment.</summary>
/// <param name="AppointmentId">Optional id chosen by the caller, which makes a retried request safe.</param>
/// <param name="ClientId">The client.</param>
/// <param name="LocationId">The location.</param>
/// <param name="TherapistId">The therapist.</param>
/// <param name="ServiceCode">The service, for example <c>NMT-60</c>.</param>
/// <param name="StartsAt">Start, with the location's UTC offset.</param>
/// <param name="DurationMinutes">Length in minutes (15 to 240, in steps of 5).</param>
public sealed record BookAppointmentRequest(
    Guid? AppointmentId,
    [property: Required] Guid? ClientId,
    [property: Required] Guid? LocationId,
    [property: Required] Guid? TherapistId,
    [property: Required, StringLength(32, MinimumLength = 2), RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]*$")] string? ServiceCode,
    [property: Required] DateTimeOffset? StartsAt,
    [property: Required, Range(15, 240)] int? DurationMinutes);

/// <summary>The command, once the request's shape is valid.</summary>
public sealed record BookAppointment(
    Guid AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    TimeSpan Duration);

/// <summary>The booking decision: pure, given the command and the current time.</summary>
public static class BookAppointmentDecider
{
    /// <summary>Decides the events of a booking, or throws a <see cref="RequestValidationException"/>.</summary>
    public static AppointmentBooked Decide(BookAppointment command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new Dictionary<string, string[]>();
        RequireId(errors, "appointmentId", command.AppointmentId);
        RequireId(errors, "clientId", command.ClientId);
        RequireId(errors, "locationId", command.LocationId);
        RequireId(errors, "therapistId", command.TherapistId);

        if (command.StartsAt < now)
        {
            errors["startsAt"] = ["An appointment cannot start in the past."];
        }
        else if (command.StartsAt.Second != 0 || command.StartsAt.Millisecond != 0 || command.StartsAt.Minute % 5 != 0)
        {
            errors["startsAt"] = ["Appointments start on a 5-minute boundary."];
        }

        if (command.Duration.TotalMinutes % 5 != 0)
        {
            errors["durationMinutes"] = ["The duration must be a multiple of 5 minutes."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return new AppointmentBooked(
            command.AppointmentId,
            command.ClientId,
            command.LocationId,
            command.TherapistId,
            command.ServiceCode.ToUpperInvariant(),
            command.StartsAt,
            command.StartsAt + command.Duration,
            now);
    }

    private static void RequireId(Dictionary<string, string[]> errors, string field, Guid id)
    {
        if (id == Guid.Empty)
        {
            errors[field] = ["Must be a non-empty id."];
        }
    }
}

/// <summary><c>POST /api/scheduling/appointments</c>.</summary>
internal static class BookAppointmentEndpoint
{
    internal static async Task<Results<Created<AppointmentResponse>, Ok<AppointmentResponse>>> Handle(
        BookAppointmentRequest request,
        IDocumentSession session,
        CurrentUser user,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(request.LocationId!.Value);
        var command = new BookAppointment(
            request.AppointmentId ?? Guid.CreateVersion7(),
            request.ClientId!.Value,
            request.LocationId!.Value,
            request.TherapistId!.Value,
            request.ServiceCode!,
            request.StartsAt!.Value,
            TimeSpan.FromMinutes(request.DurationMinutes!.Value));

        var booked = BookAppointmentDecider.Decide(command, time.GetUtcNow());
        session.Events.StartStream<Appointment>(booked.AppointmentId, booked);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsStreamCollision(ex))
        {
            return await ReplayOrConflict(command, session, response, cancellationToken);
        }

        var appointment = Appointment.Create(booked);
        response.SetETag(appointment.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/appointments/{appointment.Id}", AppointmentResponse.From(appointment));
    }

    /// <summary>
    /// A retried request with the same id and the same details gets the existing appointment back;
    /// the same id with different details is a conflict.
    /// </summary>
    private static async Task<Results<Created<AppointmentResponse>, Ok<AppointmentResponse>>> ReplayOrConflict(
        BookAppointment command,
        IDocumentSession session,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        await using var query = session.DocumentStore.QuerySession();
        var existing = await query.LoadAsync<Appointment>(command.AppointmentId, cancellationToken);
        if (existing is not null
            && existing.ClientId == command.ClientId
            && existing.LocationId == command.LocationId
            && existing.TherapistId == command.TherapistId
            && string.Equals(existing.ServiceCode, command.ServiceCode, StringComparison.OrdinalIgnoreCase)
            && existing.StartsAt == command.StartsAt
            && existing.EndsAt == command.StartsAt + command.Duration)
        {
            response.SetETag(existing.Version);
            return TypedResults.Ok(AppointmentResponse.From(existing));
        }

        throw new ConflictException("Appointment id already used", "Another appointment already has this id.");
    }

    /// <summary>
    /// Starting a stream that exists fails as a collision or, with Marten's quick append, as a version
    /// mismatch (expected 0): either way the id is taken.
    /// </summary>
    private static bool IsStreamCollision(Exception ex) =>
        ex is Marten.Exceptions.ExistingStreamIdCollisionException
            or JasperFx.Events.ExistingStreamIdCollisionException
            or JasperFx.ConcurrencyException;
}
