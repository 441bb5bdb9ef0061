using NmtPractice.Notifications.Planning;

namespace NmtPractice.Notifications.Locations;

/// <summary>A location's manager set when its reminders go and its quiet hours (local times).</summary>
/// <param name="LocationId">The location.</param>
/// <param name="EmailHoursBefore">Hours before the appointment the email reminder goes; null for none.</param>
/// <param name="SmsHoursBefore">Hours before the appointment the text reminder goes; null for none.</param>
/// <param name="QuietFrom">Start of the quiet hours.</param>
/// <param name="QuietUntil">End of the quiet hours.</param>
/// <param name="ChangedAt">When.</param>
/// <param name="ChangedBy">Who.</param>
public sealed record MessageRulesSet(
    Guid LocationId, int? EmailHoursBefore, int? SmsHoursBefore, TimeOnly QuietFrom, TimeOnly QuietUntil, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>
/// A location's own reminder offsets and quiet hours, where they differ from the chain's
/// (<see cref="SendRules.Default"/>): a stream per location, kept inline as a document.
/// </summary>
public sealed record MessageSettings(Guid Id, SendRules Rules, DateTimeOffset ChangedAt, string ChangedBy, long StreamVersion) : IEventSourced<MessageSettings>
{
    /// <summary>How the shared write path treats them: the location's clinic manager (or an operations admin) changes them; If-Match required.</summary>
    internal static readonly RecordRules<MessageSettings> Access = new()
    {
        Noun = "location's message settings",
        Location = settings => settings.Id,
        MayChange = (settings, user) => MayChange(settings.Id, user),
        Refusal = "Only the location's clinic manager, or an operations admin, sets when its messages go.",
        IfMatchRequired = true,
        AuditResource = "message-settings",
    };

    /// <summary>Whether <paramref name="user"/> may set the message rules of <paramref name="locationId"/>.</summary>
    internal static bool MayChange(Guid locationId, CurrentUser user) =>
        user.SeesAllLocations || user.IsInRoleAt(NmtRoles.ClinicManager, locationId);

    public static MessageSettings Create(MessageRulesSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new MessageSettings(set.LocationId, RulesOf(set), set.ChangedAt, set.ChangedBy, 1);
    }

    public MessageSettings Apply(MessageRulesSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return this with { Rules = RulesOf(set), ChangedAt = set.ChangedAt, ChangedBy = set.ChangedBy, StreamVersion = StreamVersion + 1 };
    }

    public MessageSettings After(object change) => change switch
    {
        MessageRulesSet e => Apply(e),
        _ => throw new ArgumentException($"{change?.GetType().Name} is not an event of a location's message settings.", nameof(change)),
    };

    internal static SendRules RulesOf(MessageRulesSet set) => new(
        set.EmailHoursBefore is { } email ? TimeSpan.FromHours(email) : null,
        set.SmsHoursBefore is { } sms ? TimeSpan.FromHours(sms) : null,
        set.QuietFrom,
        set.QuietUntil);
}

/// <summary>A location's message rules as staff read and set them.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="EmailHoursBefore">Hours before the appointment the email reminder goes; null for none.</param>
/// <param name="SmsHoursBefore">Hours before the appointment the text reminder goes; null for none.</param>
/// <param name="QuietFrom">Start of the quiet hours, <c>HH:mm</c> on the location's clock.</param>
/// <param name="QuietUntil">End of the quiet hours.</param>
/// <param name="ChainDefault">Nothing set for the location: the chain's defaults apply.</param>
/// <param name="Version">The version to send back in <c>If-Match</c> (0 before the first change).</param>
public sealed record MessageSettingsResponse(Guid LocationId, int? EmailHoursBefore, int? SmsHoursBefore, string QuietFrom, string QuietUntil, bool ChainDefault, long Version)
{
    public static MessageSettingsResponse From(Guid locationId, MessageSettings? settings)
    {
        var rules = settings?.Rules ?? SendRules.Default;
        return new MessageSettingsResponse(
            locationId,
            rules.EmailBefore is { } email ? (int)email.TotalHours : null,
            rules.SmsBefore is { } sms ? (int)sms.TotalHours : null,
            rules.QuietFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            rules.QuietUntil.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            settings is null,
            settings?.StreamVersion ?? 0);
    }
}
