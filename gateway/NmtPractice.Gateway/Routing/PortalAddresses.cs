namespace NmtPractice.Gateway.Routing;

/// <summary>
/// The addresses clients are given (on a clinic's website, in a message): <c>/book</c> and
/// <c>/book/{location}</c>, and <c>/my</c> for their account, which the web application serves as <c>/app/online</c> and <c>/app/my</c> (its <c>/app/book</c> is the front desk's).
/// </summary>
internal static class PortalAddresses
{
    public static IEndpointRouteBuilder MapPortalAddresses(this IEndpointRouteBuilder app)
    {
        app.MapGet("/book", () => Results.Redirect("/app/online")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/book/{location:guid}", (Guid location) => Results.Redirect($"/app/online/{location}")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/my", () => Results.Redirect("/app/my")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
