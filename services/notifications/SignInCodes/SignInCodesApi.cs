namespace NmtPractice.Notifications.SignInCodes;

/// <summary>
/// What the gateway's identity server calls when a client asks to sign in to the portal. On the
/// service's own address only (the gateway routes <c>/api/notifications</c>, not this), with the key
/// the two share, and left out of the API description: no person calls it.
/// </summary>
public static class SignInCodesApi
{
    /// <summary>The path, outside the routes the gateway passes on.</summary>
    public const string Path = "/internal/sign-in-codes";

    public static IEndpointRouteBuilder MapSignInCodesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, SendingSignInCode.SendSignInCodeEndpoint.Handle).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
