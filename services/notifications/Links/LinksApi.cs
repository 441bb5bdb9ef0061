namespace NmtPractice.Notifications.Links;

/// <summary>The pages the links in messages open: public, one purpose and one message per signed link.</summary>
public static class LinksApi
{
    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup($"{ServiceInfo.RoutePrefix}/links").WithTags("Links in messages").AllowAnonymous();
        links.MapGet("/{token}", FollowingLink.FollowLinkEndpoint.Show)
            .WithName("ShowLink").WithSummary("The page a link in a message opens: what it does and where the appointment stands (changes nothing)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status410Gone);
        links.MapPost("/{token}", FollowingLink.FollowLinkEndpoint.Act)
            .WithName("FollowLink").WithSummary("Do what the link says (confirm or cancel the appointment, as the client)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict).Produces(StatusCodes.Status410Gone)
            .DisableAntiforgery();
        return app;
    }
}
