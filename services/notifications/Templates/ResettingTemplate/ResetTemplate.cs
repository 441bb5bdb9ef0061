using NmtPractice.Notifications.Locations;

namespace NmtPractice.Notifications.Templates.ResettingTemplate;

/// <summary>
/// <c>DELETE /api/notifications/locations/{locationId}/templates/{kind}/{language}</c>: the location's
/// messages of that kind use the chain's text again; <c>DELETE /api/notifications/templates/{kind}/{language}</c>:
/// the chain's use the built-in one. With <c>If-Match</c>; the text written stays in the stream's history.
/// Answers with the text that applies now.
/// </summary>
internal static class ResetTemplateEndpoint
{
    internal static Task<Ok<TemplateResponse>> ForChain(string kind, string language, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        ResetAsync(null, kind, language, writer, user, time, cancellationToken);

    internal static async Task<Ok<TemplateResponse>> ForLocation(
        Guid locationId, string kind, string language, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        _ = await writer.Session.LoadAsync<KnownLocation>(locationId, cancellationToken)
            ?? throw new NotFoundException("Location not found", "No location has this id.");
        return await ResetAsync(locationId, kind, language, writer, user, time, cancellationToken);
    }

    private static async Task<Ok<TemplateResponse>> ResetAsync(
        Guid? locationId, string kind, string language, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var (messageKind, lang) = TemplateAddress.Parse(kind, language);
        var id = MessageTemplate.IdFor(locationId, messageKind, lang);
        var written = await writer.WriteAsync(
            MessageTemplate.Access, id, Audited.Update,
            template => template.InUse ? [new TemplateReset(id, time.GetUtcNow(), user.Id)] : [],
            cancellationToken);
        var (chain, _) = await TemplateLookup.LoadAsync(writer.Session, messageKind, null, lang, cancellationToken);
        return TypedResults.Ok(TemplateResponse.From(messageKind, lang, locationId is null ? written.State : chain, locationId is null ? null : written.State, forLocation: locationId is not null));
    }
}
