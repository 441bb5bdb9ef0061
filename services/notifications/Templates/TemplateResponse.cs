namespace NmtPractice.Notifications.Templates;

/// <summary>
/// One kind of message in one language as staff read it: the words that apply, where they come from
/// (<c>built-in</c>, <c>chain</c> or <c>location</c>), the version of this level's own text to send in
/// <c>If-Match</c> (0 before the first write), and the placeholders it may use.
/// </summary>
public sealed record TemplateResponse(
    string Kind, string Language, string Subject, string Body, string Sms, string Source, long Version, DateTimeOffset? ChangedAt, IReadOnlyList<string> Placeholders)
{
    /// <summary>The text that applies at a level (a location, or the chain when <paramref name="location"/> is null by design).</summary>
    public static TemplateResponse From(MessageKind kind, string language, MessageTemplate? chain, MessageTemplate? location, bool forLocation)
    {
        var (text, source) = TemplateTexts.Effective(kind, language, chain, forLocation ? location : null);
        var own = forLocation ? location : chain;
        return new TemplateResponse(
            TemplateTexts.Name(kind), language, text.Subject, text.Body, text.Sms, SourceName(source), own?.StreamVersion ?? 0,
            source == TemplateSource.BuiltIn ? null : (source == TemplateSource.Location ? location : chain)?.ChangedAt,
            TemplateTexts.For(kind).Select(placeholder => placeholder.Name).ToList());
    }

    private static string SourceName(TemplateSource source) => source switch
    {
        TemplateSource.Location => "location",
        TemplateSource.Chain => "chain",
        _ => "built-in",
    };
}

/// <summary>Every text at a level (a location's, or the chain's when <paramref name="LocationId"/> is null), and what each placeholder becomes.</summary>
public sealed record TemplatesResponse(Guid? LocationId, IReadOnlyList<TemplateResponse> Templates, IReadOnlyList<Placeholder> Placeholders);

/// <summary>The kind and language a template address names, checked.</summary>
internal static class TemplateAddress
{
    /// <summary>The kind and language, or a 400 naming the wrong one.</summary>
    internal static (MessageKind Kind, string Language) Parse(string kind, string language)
    {
        var known = TemplateTexts.TryParseKind(kind, out var parsed);
        new InputErrors()
            .Require(known, "kind", $"One of {string.Join(", ", TemplateTexts.Kinds.Select(TemplateTexts.Name))}.")
            .Require(TemplateTexts.Languages.Contains(language), "language", $"One of {string.Join(", ", TemplateTexts.Languages)}.")
            .ThrowIfAny();
        return (parsed, language);
    }
}
