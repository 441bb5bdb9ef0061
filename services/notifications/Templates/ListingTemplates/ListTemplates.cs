using NmtPractice.Notifications.Locations;

namespace NmtPractice.Notifications.Templates.ListingTemplates;

/// <summary>
/// <c>GET /api/notifications/templates</c>: the chain's message texts (its own where written, else the
/// built-in ones); <c>GET /api/notifications/locations/{locationId}/templates</c>: the texts a location's
/// messages use (its own, else the chain's, else the built-in ones). Each kind in each language.
/// </summary>
internal static class ListTemplatesEndpoint
{
    internal static async Task<Ok<TemplatesResponse>> ForChain(IQuerySession session, CancellationToken cancellationToken)
    {
        var written = await session.Query<MessageTemplate>().Where(t => t.LocationId == null).ToListAsync(cancellationToken);
        return TypedResults.Ok(Answer(null, written, []));
    }

    internal static async Task<Ok<TemplatesResponse>> ForLocation(Guid locationId, IQuerySession session, CurrentUser user, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        _ = await session.LoadAsync<KnownLocation>(locationId, cancellationToken)
            ?? throw new NotFoundException("Location not found", "No location has this id.");
        var written = await session.Query<MessageTemplate>().Where(t => t.LocationId == null || t.LocationId == locationId).ToListAsync(cancellationToken);
        return TypedResults.Ok(Answer(locationId, written.Where(t => t.LocationId == null).ToList(), written.Where(t => t.LocationId == locationId).ToList()));
    }

    private static TemplatesResponse Answer(Guid? locationId, IReadOnlyList<MessageTemplate> chain, IReadOnlyList<MessageTemplate> location)
    {
        var templates = (
            from kind in TemplateTexts.Kinds
            from language in TemplateTexts.Languages
            select TemplateResponse.From(
                kind,
                language,
                chain.FirstOrDefault(t => t.Kind == kind && t.Language == language),
                location.FirstOrDefault(t => t.Kind == kind && t.Language == language),
                forLocation: locationId is not null)).ToList();
        return new TemplatesResponse(locationId, templates, TemplateTexts.Placeholders);
    }
}
