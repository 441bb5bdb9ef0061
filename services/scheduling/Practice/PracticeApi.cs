namespace NmtPractice.Scheduling.Practice;

/// <summary>
/// The practice structure: the chain's locations (hours, closures, rooms), its bookable services,
/// and its therapists (services offered, weekly hours per location, time off).
/// </summary>
public static class PracticeApi
{
    public static IEndpointRouteBuilder MapPracticeApi(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup($"{ServiceInfo.RoutePrefix}/locations").WithTags("Locations");

        locations.MapPost("/", Locations.OpeningLocation.OpenLocationEndpoint.Handle).RequireRoles(NmtRoles.OperationsAdmin)
            .WithName("OpenLocation").WithSummary("Open a location").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        locations.MapGet("/", Locations.GettingLocations.GetLocationsEndpoints.ListAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("ListLocations").WithSummary("The chain's locations");
        locations.MapGet("/{id:guid}", Locations.GettingLocations.GetLocationsEndpoints.GetAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("GetLocation").WithSummary("A location")
            .ProducesProblem(StatusCodes.Status404NotFound);
        locations.MapPut("/{id:guid}", Locations.ChangingLocationDetails.ChangeLocationDetailsEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("ChangeLocationDetails").WithSummary("Rename, readdress or change the time zone of a location (If-Match; a zone that would move upcoming appointments is refused with the list)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapPut("/{id:guid}/opening-hours", Locations.ChangingOpeningHours.ChangeOpeningHoursEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("ChangeOpeningHours").WithSummary("Replace the weekly opening hours (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapPut("/{id:guid}/online-booking", Locations.SettingOnlineBooking.SetOnlineBookingEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("SetOnlineBooking").WithSummary("What clients may book at the location themselves, online (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapPost("/{id:guid}/closures", Locations.SchedulingClosure.ScheduleClosureEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("ScheduleClosure").WithSummary("Close the location on some dates").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        locations.MapPut("/{id:guid}/closures/{closureId:guid}", Locations.ChangingClosures.ChangeClosuresEndpoints.ShortenAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("ShortenClosure").WithSummary("Shorten a closure to dates within its own (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapDelete("/{id:guid}/closures/{closureId:guid}", Locations.ChangingClosures.ChangeClosuresEndpoints.RemoveAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("RemoveClosure").WithSummary("Call a closure off (If-Match)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapPost("/{id:guid}/rooms", Locations.AddingRoom.AddRoomEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("AddRoom").WithSummary("Add a treatment room").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        locations.MapPut("/{id:guid}/rooms/{roomId:guid}", Locations.ChangingRooms.ChangeRoomsEndpoints.RenameAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("RenameRoom").WithSummary("Rename a treatment room (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        locations.MapPost("/{id:guid}/rooms/{roomId:guid}/retire", Locations.ChangingRooms.ChangeRoomsEndpoints.RetireAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("RetireRoom").WithSummary("Retire a treatment room (If-Match); its upcoming appointments are listed (409), or moved to free rooms when asked")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        var services = app.MapGroup($"{ServiceInfo.RoutePrefix}/services").WithTags("Services");
        services.MapPost("/", Services.DefiningService.DefineServiceEndpoint.Handle).RequireRoles(NmtRoles.OperationsAdmin)
            .WithName("DefineService").WithSummary("Define a bookable service").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        services.MapPut("/{code}", Services.ChangingService.ChangeServiceEndpoint.Handle).RequireRoles(NmtRoles.OperationsAdmin)
            .WithName("ChangeService").WithSummary("Change a service's name, length, buffer or price for bookings made from now on (send If-Match with its ETag)")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesVersionProblems();
        services.MapGet("/", Services.ListingServices.ListServicesEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff).WithName("ListServices").WithSummary("The bookable services");

        var therapists = app.MapGroup($"{ServiceInfo.RoutePrefix}/therapists").WithTags("Therapists");

        therapists.MapPost("/", Therapists.RegisteringTherapist.RegisterTherapistEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("RegisterTherapist").WithSummary("Register a therapist").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        therapists.MapGet("/", Therapists.GettingTherapists.GetTherapistsEndpoints.ListAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("ListTherapists").WithSummary("Therapists, optionally of one location");
        therapists.MapGet("/{id:guid}", Therapists.GettingTherapists.GetTherapistsEndpoints.GetAsync).RequireRoles(NmtRoleSets.AllStaff).WithName("GetTherapist").WithSummary("A therapist")
            .ProducesProblem(StatusCodes.Status404NotFound);
        therapists.MapPut("/{id:guid}/locations/{locationId:guid}/hours", Therapists.SettingWorkingHours.SetWorkingHoursEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("SetWorkingHours").WithSummary("Set a therapist's weekly hours at a location (an empty week: no longer works there)")
            .ProducesValidationProblem().ProducesRecordProblems();
        therapists.MapPut("/{id:guid}/locations/{locationId:guid}/leaving", Therapists.LeavingLocation.LeaveLocationEndpoints.LeaveAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("LeaveLocation").WithSummary("A therapist leaves a location from a day (If-Match); their appointments there from that day are listed for reassignment, none cancelled")
            .ProducesValidationProblem().ProducesRecordProblems().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesVersionProblems();
        therapists.MapGet("/{id:guid}/locations/{locationId:guid}/leaving", Therapists.LeavingLocation.LeaveLocationEndpoints.GetAsync).RequireRoles(NmtRoleSets.Booking)
            .WithName("GetLeaving").WithSummary("When a therapist leaves a location, and their appointments there still to reassign")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        therapists.MapDelete("/{id:guid}/locations/{locationId:guid}/leaving", Therapists.LeavingLocation.LeaveLocationEndpoints.CallOffAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("CallOffLeaving").WithSummary("Call a therapist's leaving of a location off, before the day (If-Match)")
            .ProducesRecordProblems().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesVersionProblems();
        therapists.MapPut("/{id:guid}/account", Therapists.LinkingAccount.LinkAccountEndpoints.LinkAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("LinkTherapistAccount").WithSummary("Name the staff account that is this therapist (send If-Match with the therapist's ETag)")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesVersionProblems();
        therapists.MapDelete("/{id:guid}/account", Therapists.LinkingAccount.LinkAccountEndpoints.UnlinkAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("UnlinkTherapistAccount").WithSummary("The therapist is no longer any staff account's (send If-Match with the therapist's ETag)")
            .ProducesRecordProblems()
            .ProducesVersionProblems();
        therapists.MapPut("/{id:guid}/services", Therapists.ChangingTherapistServices.ChangeTherapistServicesEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("ChangeTherapistServices").WithSummary("Replace the services a therapist offers (send If-Match with the therapist's ETag)")
            .ProducesValidationProblem().ProducesRecordProblems()
            .ProducesVersionProblems();
        therapists.MapPut("/{id:guid}/time-off/{timeOffId:guid}", Therapists.ChangingTimeOff.ChangeTimeOffEndpoints.ShortenAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("ShortenTimeOff").WithSummary("Shorten time off to a span within its own (If-Match)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        therapists.MapDelete("/{id:guid}/time-off/{timeOffId:guid}", Therapists.ChangingTimeOff.ChangeTimeOffEndpoints.RemoveAsync).RequireRoles(NmtRoleSets.Managers)
            .WithName("RemoveTimeOff").WithSummary("Call time off off (If-Match)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        therapists.MapPost("/{id:guid}/time-off", Therapists.BookingTimeOff.BookTimeOffEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("BookTimeOff").WithSummary("Book time off; lists the appointments it overlaps")
            .ProducesValidationProblem().ProducesRecordProblems();

        return app;
    }
}
