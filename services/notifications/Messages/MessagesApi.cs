namespace NmtPractice.Notifications.Messages;

/// <summary>What staff read of the messages a client was sent.</summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("Messages");
        messages.MapGet("/clients/{clientId:guid}/messages", ListingClientMessages.ListClientMessagesEndpoint.Handle).RequireRoles(NmtRoleSets.AllStaffAndTheClient)
            .WithName("ListClientMessages").WithSummary("The messages a client was sent or will be, with where each stands and why; the signed-in client their own (audited)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        messages.MapGet("/deliveries", GettingDeliveries.GetDeliveriesEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("GetDeliveries").WithSummary("How a location's messages fared, by kind and channel (planned, sent, delivered, answered, failed)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
