namespace NmtPractice.Notifications.Locations.GettingMessageRules;

/// <summary><c>GET /api/notifications/locations/{locationId}/message-rules</c>: when the location's reminders go and its quiet hours (the chain's defaults until its manager sets them).</summary>
internal static class GetMessageRulesEndpoint
{
    internal static async Task<Ok<MessageSettingsResponse>> Handle(Guid locationId, IQuerySession session, CurrentUser user, HttpContext http, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        var settings = await session.LoadAsync<MessageSettings>(locationId, cancellationToken);
        http.Response.SetETag(settings?.StreamVersion ?? 0);
        return TypedResults.Ok(MessageSettingsResponse.From(locationId, settings));
    }
}
