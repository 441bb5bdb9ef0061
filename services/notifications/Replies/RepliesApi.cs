namespace NmtPractice.Notifications.Replies;

/// <summary>What clients' texts come in by: the SMS gateway posts each (with its key; the gateway is not a person).</summary>
public static class RepliesApi
{
    public static IEndpointRouteBuilder MapRepliesApi(this IEndpointRouteBuilder app)
    {
        var gateway = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("SMS gateway");
        gateway.MapPost("/sms/incoming", ReceivingText.ReceiveTextEndpoint.Handle).AllowAnonymous()
            .WithName("ReceiveText").WithSummary("The SMS gateway passes on a client's text: C or YES confirms, X cancels, STOP stops texts")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
