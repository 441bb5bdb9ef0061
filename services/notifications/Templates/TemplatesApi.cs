namespace NmtPractice.Notifications.Templates;

/// <summary>The chain's and each location's message texts, and their preview.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var chain = app.MapGroup($"{ServiceInfo.RoutePrefix}/templates").WithTags("Message texts");
        chain.MapGet("/", ListingTemplates.ListTemplatesEndpoint.ForChain).RequireRoles(NmtRoleSets.Managers)
            .WithName("ListChainTemplates").WithSummary("The chain's message texts, by kind and language (its own where written, else the built-in ones)");
        chain.MapPut("/{kind}/{language}", WritingTemplate.WriteTemplateEndpoint.ForChain).RequireRoles(NmtRoleSets.ChainOperations)
            .WithName("WriteChainTemplate").WithSummary("Write the chain's text of a kind of message in a language (the chain's operations; If-Match after the first time)")
            .ProducesValidationProblem().ProducesRecordProblems().ProducesVersionProblems();
        chain.MapDelete("/{kind}/{language}", ResettingTemplate.ResetTemplateEndpoint.ForChain).RequireRoles(NmtRoleSets.ChainOperations)
            .WithName("ResetChainTemplate").WithSummary("Put the built-in text back for the chain (If-Match)")
            .ProducesValidationProblem().ProducesRecordProblems().ProducesVersionProblems();
        chain.MapPost("/preview", PreviewingTemplate.PreviewTemplateEndpoint.Handle).RequireRoles(NmtRoleSets.Managers)
            .WithName("PreviewTemplate").WithSummary("Write a text out with a sample appointment, as the email and the text message a client would get (writes nothing)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var location = app.MapGroup($"{ServiceInfo.RoutePrefix}/locations/{{locationId:guid}}/templates").WithTags("Message texts");
        location.MapGet("/", ListingTemplates.ListTemplatesEndpoint.ForLocation).RequireRoles(NmtRoleSets.Managers)
            .WithName("ListLocationTemplates").WithSummary("The texts the location's messages use (its own, else the chain's, else the built-in ones)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        location.MapPut("/{kind}/{language}", WritingTemplate.WriteTemplateEndpoint.ForLocation).RequireRoles(NmtRoleSets.Managers)
            .WithName("WriteLocationTemplate").WithSummary("Write the location's own text of a kind of message in a language (its manager; If-Match after the first time)")
            .ProducesValidationProblem().ProducesRecordProblems().ProducesVersionProblems();
        location.MapDelete("/{kind}/{language}", ResettingTemplate.ResetTemplateEndpoint.ForLocation).RequireRoles(NmtRoleSets.Managers)
            .WithName("ResetLocationTemplate").WithSummary("Use the chain's text again for the location (If-Match)")
            .ProducesValidationProblem().ProducesRecordProblems().ProducesVersionProblems();
        return app;
    }
}
