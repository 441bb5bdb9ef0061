using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.Security;
using NmtPractice.Scheduling.Appointments;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.Scheduling.Practice.Services;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Practice.Therapists;

public sealed record RegisterTherapistRequest(Guid? TherapistId, string? Name, string? UserId, IReadOnlyList<string>? Services);

public sealed record WorkingHoursRequest(IReadOnlyList<WeeklyHours>? Hours);

public sealed record TherapistServicesRequest(IReadOnlyList<string>? Services);

public sealed record TimeOffRequest(DateTimeOffset? From, DateTimeOffset? To, string? Reason);

/// <summary>Time off was booked; these appointments fall inside it and need moving.</summary>
public sealed record TimeOffResponse(Therapist Therapist, IReadOnlyList<Guid> ConflictingAppointments);

/// <summary>Therapists: the services they offer (changeable), their weekly hours per location, their time off.</summary>
public static class TherapistsApi
{
    public static IEndpointRouteBuilder MapTherapistsApi(this IEndpointRouteBuilder app)
    {
        var therapists = app.MapGroup($"{ServiceInfo.RoutePrefix}/therapists").WithTags("Therapists");

        therapists.MapPost("/", RegisterAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("RegisterTherapist").WithSummary("Register a therapist").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        therapists.MapGet("/", ListAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("ListTherapists").WithSummary("Therapists, optionally of one location");
        therapists.MapGet("/{id:guid}", GetAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("GetTherapist").WithSummary("A therapist")
            .ProducesProblem(StatusCodes.Status404NotFound);
        therapists.MapPut("/{id:guid}/locations/{locationId:guid}/hours", SetHoursAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("SetWorkingHours").WithSummary("Set a therapist's weekly hours at a location (an empty week: no longer works there)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        therapists.MapPut("/{id:guid}/services", ChangeServicesAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("ChangeTherapistServices").WithSummary("Replace the services a therapist offers (send If-Match with the therapist's ETag)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        therapists.MapPost("/{id:guid}/time-off", BookTimeOffAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("BookTimeOff").WithSummary("Book time off; lists the appointments it overlaps")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<Therapist>> RegisterAsync(RegisterTherapistRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var services = request.Services ?? [];
        var known = await session.Query<ServiceDefinition>().Select(s => s.Code).ToListAsync(cancellationToken);
        var unknown = services.Where(code => !known.Contains(code)).ToList();
        new InputErrors()
            .Text("name", request.Name, 100)
            .Text("userId", request.UserId, 100, required: false)
            .Require(services.Count > 0, "services", "Name at least one service the therapist offers.")
            .Require(unknown.Count == 0, "services", $"Unknown services: {string.Join(", ", unknown)}.")
            .ThrowIfAny();

        var registered = new TherapistRegistered(request.TherapistId ?? Guid.CreateVersion7(), request.Name!.Trim(), request.UserId, services.Distinct().ToList(), time.GetUtcNow(), user.Id);
        session.Events.StartStream<Therapist>(registered.TherapistId, registered);
        await PracticeRoles.SaveNewAsync(session, "Therapist", cancellationToken);
        var therapist = Therapist.Create(registered);
        response.SetETag(therapist.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/therapists/{therapist.Id}", therapist);
    }

    private static async Task<Ok<IReadOnlyList<Therapist>>> ListAsync(Guid? locationId, IQuerySession session, CancellationToken cancellationToken)
    {
        var all = await session.Query<Therapist>().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<Therapist>>(locationId is { } location ? all.Where(t => t.LocationIds.Contains(location)).ToList() : all);
    }

    private static async Task<Ok<Therapist>> GetAsync(Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var therapist = await session.LoadAsync<Therapist>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Therapist");
        response.SetETag(therapist.Version);
        return TypedResults.Ok(therapist);
    }

    private static async Task<Ok<Therapist>> SetHoursAsync(Guid id, Guid locationId, WorkingHoursRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        new InputErrors().Hours("hours", request.Hours).ThrowIfAny();
        user.EnsureCanAccess(locationId);
        _ = await session.LoadAsync<Location>(locationId, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var stream = await session.Events.FetchForWriting<Therapist>(id, cancellationToken);
        var therapist = stream.Aggregate ?? throw PracticeRoles.NotFound("Therapist");
        var set = new WorkingHoursSet(id, locationId, request.Hours!, time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(set);
        await session.SaveChangesAsync(cancellationToken);
        response.SetETag(version);
        return TypedResults.Ok(therapist.Apply(set) with { Version = version });
    }

    private static async Task<Ok<Therapist>> ChangeServicesAsync(
        Guid id, TherapistServicesRequest request, HttpRequest http, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var services = request.Services ?? [];
        var known = await session.Query<ServiceDefinition>().Select(s => s.Code).ToListAsync(cancellationToken);
        var unknown = services.Where(code => !known.Contains(code)).ToList();
        new InputErrors()
            .Require(services.Count > 0, "services", "Name at least one service the therapist offers.")
            .Require(unknown.Count == 0, "services", $"Unknown services: {string.Join(", ", unknown)}.")
            .ThrowIfAny();
        var expected = http.ExpectedVersion() ?? throw new PreconditionRequiredException("Send If-Match with the ETag of the therapist you read.");
        var stream = await session.Events.FetchForWriting<Therapist>(id, cancellationToken);
        var therapist = stream.Aggregate ?? throw PracticeRoles.NotFound("Therapist");
        if (!user.SeesAllLocations && !therapist.LocationIds.Any(user.CanAccess))
        {
            throw new ForbiddenException("The therapist does not work at a location you manage.");
        }

        if (stream.CurrentVersion != expected)
        {
            throw new PreconditionFailedException($"The therapist is at version {stream.CurrentVersion}; read it again.");
        }

        var changed = new TherapistServicesChanged(id, services.Distinct().ToList(), time.GetUtcNow(), user.Id);
        stream.AppendOne(changed);
        await session.SaveChangesAsync(cancellationToken);
        response.SetETag(expected + 1);
        return TypedResults.Ok(therapist.Apply(changed) with { Version = expected + 1 });
    }

    private static async Task<Ok<TimeOffResponse>> BookTimeOffAsync(Guid id, TimeOffRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.From is not null, "from", "Required.")
            .Require(request.To is not null && (request.From is null || request.To > request.From), "to", "Required, and after 'from'.")
            .Require(request.From is null || request.To is null || request.To - request.From <= TimeSpan.FromDays(366), "to", "At most a year at a time.")
            .Text("reason", request.Reason, 200)
            .ThrowIfAny();
        var stream = await session.Events.FetchForWriting<Therapist>(id, cancellationToken);
        var therapist = stream.Aggregate ?? throw PracticeRoles.NotFound("Therapist");
        if (!user.SeesAllLocations && !therapist.LocationIds.Any(user.CanAccess))
        {
            throw new ForbiddenException("The therapist does not work at a location you manage.");
        }

        var booked = new TimeOffBooked(id, Guid.CreateVersion7(), request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime(), request.Reason!.Trim(), time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(booked);
        await session.SaveChangesAsync(cancellationToken);
        var conflicting = await session.Query<Appointment>()
            .Where(a => a.TherapistId == id && a.StartsAt < booked.To && a.EndsAt > booked.From
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        response.SetETag(version);
        return TypedResults.Ok(new TimeOffResponse(therapist.Apply(booked) with { Version = version }, conflicting.ToList()));
    }
}
