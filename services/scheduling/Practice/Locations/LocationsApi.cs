using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.Security;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Practice.Locations;

public sealed record OpenLocationRequest(Guid? LocationId, string? Name, Address? Address, string? TimeZone, IReadOnlyList<WeeklyHours>? OpeningHours);

public sealed record OpeningHoursRequest(IReadOnlyList<WeeklyHours>? OpeningHours);

public sealed record ScheduleClosureRequest(DateOnly? From, DateOnly? To, string? Reason);

public sealed record AddRoomRequest(Guid? RoomId, string? Name);

/// <summary>The chain's locations: opening, hours, closures and rooms.</summary>
public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup($"{ServiceInfo.RoutePrefix}/locations").WithTags("Locations");

        locations.MapPost("/", OpenAsync).RequireRoles(NmtRoles.OperationsAdmin)
            .WithName("OpenLocation").WithSummary("Open a location").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        locations.MapGet("/", ListAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("ListLocations").WithSummary("The chain's locations");
        locations.MapGet("/{id:guid}", GetAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("GetLocation").WithSummary("A location")
            .ProducesProblem(StatusCodes.Status404NotFound);
        locations.MapPut("/{id:guid}/opening-hours", ChangeHoursAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("ChangeOpeningHours").WithSummary("Replace the weekly opening hours (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapPost("/{id:guid}/closures", ScheduleClosureAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("ScheduleClosure").WithSummary("Close the location on some dates").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        locations.MapPost("/{id:guid}/rooms", AddRoomAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("AddRoom").WithSummary("Add a treatment room").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Created<Location>> OpenAsync(OpenLocationRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var address = request.Address;
        new InputErrors()
            .Text("name", request.Name, 100)
            .Require(address is not null, "address", "Required.")
            .Text("address.line1", address?.Line1, 200, required: address is not null)
            .Text("address.city", address?.City, 100, required: address is not null)
            .Text("address.postalCode", address?.PostalCode, 20, required: address is not null)
            .Text("address.country", address?.Country, 56, required: address is not null)
            .TimeZone("timeZone", request.TimeZone)
            .Hours("openingHours", request.OpeningHours)
            .ThrowIfAny();

        var opened = new LocationOpened(request.LocationId ?? Guid.CreateVersion7(), request.Name!.Trim(), address!, request.TimeZone!, request.OpeningHours!, time.GetUtcNow(), user.Id);
        session.Events.StartStream<Location>(opened.LocationId, opened);
        await PracticeRoles.SaveNewAsync(session, "Location", cancellationToken);
        var location = Location.Create(opened);
        response.SetETag(location.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/locations/{location.Id}", location);
    }

    private static async Task<Ok<IReadOnlyList<Location>>> ListAsync(IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<Location>>(await session.Query<Location>().OrderBy(l => l.Name).ToListAsync(cancellationToken));

    private static async Task<Ok<Location>> GetAsync(Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var location = await session.LoadAsync<Location>(id, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        response.SetETag(location.Version);
        return TypedResults.Ok(location);
    }

    private static async Task<Ok<Location>> ChangeHoursAsync(Guid id, OpeningHoursRequest request, HttpRequest http, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        new InputErrors().Hours("openingHours", request.OpeningHours).ThrowIfAny();
        var expected = http.ExpectedVersion() ?? throw new PreconditionRequiredException("Send If-Match with the ETag of the location you read.");
        var stream = await session.Events.FetchForWriting<Location>(id, cancellationToken);
        var location = stream.Aggregate ?? throw PracticeRoles.NotFound("Location");
        user.EnsureCanAccess(id);
        if (stream.CurrentVersion != expected)
        {
            throw new PreconditionFailedException($"The location is at version {stream.CurrentVersion}; read it again.");
        }

        var changed = new OpeningHoursChanged(id, location.Name, location.TimeZone, request.OpeningHours!, time.GetUtcNow(), user.Id);
        stream.AppendOne(changed);
        await session.SaveChangesAsync(cancellationToken);
        response.SetETag(expected + 1);
        return TypedResults.Ok(location.Apply(changed) with { Version = expected + 1 });
    }

    private static async Task<Ok<Location>> ScheduleClosureAsync(Guid id, ScheduleClosureRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.From is not null, "from", "Required.")
            .Require(request.To is not null && (request.From is null || request.To >= request.From), "to", "Required, and not before 'from'.")
            .Require(request.From is null || request.To is null || request.To.Value.DayNumber - request.From.Value.DayNumber < 366, "to", "At most a year at a time.")
            .Text("reason", request.Reason, 200)
            .ThrowIfAny();
        var stream = await session.Events.FetchForWriting<Location>(id, cancellationToken);
        var location = stream.Aggregate ?? throw PracticeRoles.NotFound("Location");
        user.EnsureCanAccess(id);
        var closure = new ClosureScheduled(id, Guid.CreateVersion7(), request.From!.Value, request.To!.Value, request.Reason!.Trim(), time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(closure);
        await session.SaveChangesAsync(cancellationToken);
        response.SetETag(version);
        return TypedResults.Ok(location.Apply(closure) with { Version = version });
    }

    private static async Task<Ok<Location>> AddRoomAsync(Guid id, AddRoomRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        new InputErrors().Text("name", request.Name, 50).ThrowIfAny();
        var stream = await session.Events.FetchForWriting<Location>(id, cancellationToken);
        var location = stream.Aggregate ?? throw PracticeRoles.NotFound("Location");
        user.EnsureCanAccess(id);
        var roomId = request.RoomId ?? Guid.CreateVersion7();
        if (location.Rooms.Any(r => r.Id == roomId || string.Equals(r.Name, request.Name!.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new ConflictException("Room exists", "The location already has a room with this id or name.");
        }

        var added = new RoomAdded(id, roomId, request.Name!.Trim(), time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(added);
        await session.SaveChangesAsync(cancellationToken);
        response.SetETag(version);
        return TypedResults.Ok(location.Apply(added) with { Version = version });
    }
}
