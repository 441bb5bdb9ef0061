namespace NmtPractice.Notifications.Templates;

/// <summary>Finds the text a location's message uses, in one read of the two levels that may have written one.</summary>
public static class TemplateLookup
{
    /// <summary>The text of <paramref name="kind"/> in <paramref name="language"/> for <paramref name="locationId"/>; null for a kind with no written text (replies) or when neither level wrote one.</summary>
    public static async Task<TemplateText?> TextAsync(IQuerySession session, MessageKind kind, Guid locationId, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var lang = language == "es" ? "es" : "en";
        if (!TemplateTexts.Kinds.Contains(kind))
        {
            return null;
        }

        var (chain, location) = await LoadAsync(session, kind, locationId, lang, cancellationToken);
        return TemplateTexts.Effective(kind, lang, chain, location) is (var text, not TemplateSource.BuiltIn) ? text : null;
    }

    /// <summary>The chain's and the location's written text of one kind and language, where written.</summary>
    public static async Task<(MessageTemplate? Chain, MessageTemplate? Location)> LoadAsync(
        IQuerySession session, MessageKind kind, Guid? locationId, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var chainId = MessageTemplate.IdFor(null, kind, language);
        var locationTemplateId = locationId is { } id ? MessageTemplate.IdFor(id, kind, language) : (Guid?)null;
        var found = await session.LoadManyAsync<MessageTemplate>(cancellationToken, locationTemplateId is { } own ? [chainId, own] : [chainId]);
        return (found.FirstOrDefault(t => t.Id == chainId), found.FirstOrDefault(t => t.Id == locationTemplateId));
    }
}
