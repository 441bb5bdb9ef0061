namespace NmtPractice.Notifications.Templates;

/// <summary>
/// A message text was written: the chain's (no <paramref name="LocationId"/>) or a location's own, for
/// one kind of message in one language. The email has a subject and a body; a text message its own short form.
/// </summary>
public sealed record TemplateWritten(
    Guid TemplateId, Guid? LocationId, MessageKind Kind, string Language, string Subject, string Body, string Sms, DateTimeOffset WrittenAt, string WrittenBy);

/// <summary>The text was put back: a location's messages use the chain's text again, the chain's the built-in one.</summary>
public sealed record TemplateReset(Guid TemplateId, DateTimeOffset ResetAt, string ResetBy);

/// <summary>
/// The text of one kind of message in one language, for the chain or for one location: a stream per
/// (scope, kind, language) with a derived id, kept inline as a document. <see cref="InUse"/> is false
/// once it was reset, so that the next level down applies.
/// </summary>
public sealed record MessageTemplate(
    Guid Id,
    Guid? LocationId,
    MessageKind Kind,
    string Language,
    string Subject,
    string Body,
    string Sms,
    bool InUse,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    long StreamVersion) : IEventSourced<MessageTemplate>
{
    /// <summary>
    /// How the shared write path treats a text: a location's belongs to it and is changed by its clinic
    /// manager (or an operations admin); the chain's only by the chain's operations. If-Match required.
    /// </summary>
    internal static readonly RecordRules<MessageTemplate> Access = new()
    {
        Noun = "message text",
        Location = template => template.LocationId,
        MayChange = (template, user) => MayChange(template.LocationId, user),
        Refusal = "Only the location's clinic manager, or the chain's operations, change its message texts; the chain's texts only the chain's operations.",
        IfMatchRequired = true,
        AuditResource = "message-template",
    };

    /// <summary>Whether <paramref name="user"/> may change the texts of <paramref name="locationId"/> (null: the chain's).</summary>
    internal static bool MayChange(Guid? locationId, CurrentUser user) => locationId is { } location
        ? user.SeesAllLocations || user.IsInRoleAt(NmtRoles.ClinicManager, location)
        : user.SeesAllLocations;

    /// <summary>The id of the text of <paramref name="kind"/> in <paramref name="language"/> for a location (or the chain, for null).</summary>
    public static Guid IdFor(Guid? locationId, MessageKind kind, string language) =>
        MessageIds.Derived($"nmt-notifications/template/{locationId?.ToString("N") ?? "chain"}/{kind}/{language}");

    public static MessageTemplate Create(TemplateWritten written)
    {
        ArgumentNullException.ThrowIfNull(written);
        return new MessageTemplate(
            written.TemplateId, written.LocationId, written.Kind, written.Language, written.Subject, written.Body, written.Sms, true, written.WrittenAt, written.WrittenBy, 1);
    }

    public MessageTemplate Apply(TemplateWritten written)
    {
        ArgumentNullException.ThrowIfNull(written);
        return this with
        {
            Subject = written.Subject, Body = written.Body, Sms = written.Sms, InUse = true, ChangedAt = written.WrittenAt, ChangedBy = written.WrittenBy,
            StreamVersion = StreamVersion + 1,
        };
    }

    public MessageTemplate Apply(TemplateReset reset)
    {
        ArgumentNullException.ThrowIfNull(reset);
        return this with { InUse = false, ChangedAt = reset.ResetAt, ChangedBy = reset.ResetBy, StreamVersion = StreamVersion + 1 };
    }

    public MessageTemplate After(object change) => change switch
    {
        TemplateWritten e => Apply(e),
        TemplateReset e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a message text.", nameof(change)),
    };

    /// <summary>The text as written.</summary>
    public TemplateText Text => new(Subject, Body, Sms);
}
