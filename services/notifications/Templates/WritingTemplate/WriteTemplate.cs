using NmtPractice.Notifications.Locations;

namespace NmtPractice.Notifications.Templates.WritingTemplate;

/// <summary>The words of one kind of message in one language.</summary>
/// <param name="Subject">The email's subject, one line.</param>
/// <param name="Body">The email's body; each line a paragraph.</param>
/// <param name="Sms">The text message.</param>
public sealed record TemplateRequest(string? Subject, string? Body, string? Sms);

/// <summary>
/// <c>PUT /api/notifications/templates/{kind}/{language}</c> (the chain's operations) and
/// <c>PUT /api/notifications/locations/{locationId}/templates/{kind}/{language}</c> (the location's
/// clinic manager): write the text messages of that kind use from now on, checked for its
/// placeholders. The first time without <c>If-Match</c>, after that with the version read. Messages
/// already sent keep their words; those still to go are written with the new text when they go.
/// </summary>
internal static class WriteTemplateEndpoint
{
    internal static Task<Ok<TemplateResponse>> ForChain(
        string kind, string language, TemplateRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        WriteAsync(null, kind, language, request, writer, user, time, cancellationToken);

    internal static async Task<Ok<TemplateResponse>> ForLocation(
        Guid locationId, string kind, string language, TemplateRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        _ = await writer.Session.LoadAsync<KnownLocation>(locationId, cancellationToken)
            ?? throw new NotFoundException("Location not found", "No location has this id.");
        return await WriteAsync(locationId, kind, language, request, writer, user, time, cancellationToken);
    }

    private static async Task<Ok<TemplateResponse>> WriteAsync(
        Guid? locationId, string kind, string language, TemplateRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var (messageKind, lang) = TemplateAddress.Parse(kind, language);
        TemplateTexts.Check(messageKind, request.Subject, request.Body, request.Sms).ThrowIfAny();

        var id = MessageTemplate.IdFor(locationId, messageKind, lang);
        var written = new TemplateWritten(
            id, locationId, messageKind, lang, request.Subject!.Trim(), Lines(request.Body!), Lines(request.Sms!), time.GetUtcNow(), user.Id);
        MessageTemplate state;
        if (await writer.Session.Events.FetchStreamStateAsync(id, cancellationToken) is null)
        {
            if (!MessageTemplate.MayChange(locationId, user))
            {
                throw new ForbiddenException(MessageTemplate.Access.Refusal);
            }

            state = (await writer.StartAsync(
                MessageTemplate.Access, id, MessageTemplate.Create(written), [written],
                new ConflictException("Written meanwhile", "Someone wrote this text at the same moment. Read it again."), cancellationToken)).State;
        }
        else
        {
            state = (await writer.WriteAsync(MessageTemplate.Access, id, Audited.Update, _ => [written], cancellationToken)).State;
        }

        var (chain, location) = await TemplateLookup.LoadAsync(writer.Session, messageKind, locationId, lang, cancellationToken);
        return TypedResults.Ok(TemplateResponse.From(messageKind, lang, locationId is null ? state : chain, locationId is null ? null : state, forLocation: locationId is not null));
    }

    /// <summary>Line ends as <c>\n</c>, and no trailing space on a line or the text.</summary>
    private static string Lines(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(line => line.TrimEnd())).Trim();
}
