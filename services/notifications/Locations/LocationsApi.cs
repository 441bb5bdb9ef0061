namespace NmtPractice.Notifications.Locations;

/// <summary>A location's message rules: when reminders go, and the quiet hours.</summary>
public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup($"{ServiceInfo.RoutePrefix}/locations").WithTags("Message rules");
        locations.MapGet("/{locationId:guid}/message-rules", GettingMessageRules.GetMessageRulesEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaff)
            .WithName("GetMessageRules").WithSummary("When the location's reminders go and its quiet hours")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        locations.MapPut("/{locationId:guid}/message-rules", SettingMessageRules.SetMessageRulesEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("SetMessageRules").WithSummary("Set when the location's reminders go and its quiet hours (its manager; If-Match after the first time)")
            .ProducesValidationProblem().ProducesRecordProblems().ProducesVersionProblems();
        return app;
    }
}
