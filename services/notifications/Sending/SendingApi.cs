namespace NmtPractice.Notifications.Sending;

/// <summary>What the SMS gateway calls: delivery reports, signed per message (no token: the gateway is not a person).</summary>
public static class SendingApi
{
    public static IEndpointRouteBuilder MapSendingApi(this IEndpointRouteBuilder app)
    {
        var gateway = app.MapGroup(ServiceInfo.RoutePrefix).WithTags("SMS gateway");
        gateway.MapGet(DeliveryReportSignature.Path, ReceivingDeliveryReport.ReceiveDeliveryReportEndpoint.Handle).AllowAnonymous()
            .WithName("ReceiveDeliveryReport").WithSummary("The SMS gateway reports what became of a text (signed per message)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
