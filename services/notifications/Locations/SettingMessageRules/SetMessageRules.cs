using System.Globalization;
using NmtPractice.Notifications.Planning;

namespace NmtPractice.Notifications.Locations.SettingMessageRules;

/// <summary>When a location's reminders go (hours before, per channel; null for none) and its quiet hours (<c>HH:mm</c>).</summary>
public sealed record MessageRulesRequest(int? EmailHoursBefore, int? SmsHoursBefore, string? QuietFrom, string? QuietUntil);

/// <summary>
/// <c>PUT /api/notifications/locations/{locationId}/message-rules</c>: the location's clinic manager (or
/// an operations admin) sets when its reminders go and its quiet hours; the first time without
/// <c>If-Match</c>, after that with the version read. The reminders of its upcoming appointments that
/// have not gone yet are planned again by the new rules, in the same commit.
/// </summary>
internal static class SetMessageRulesEndpoint
{
    internal static async Task<Ok<MessageSettingsResponse>> Handle(
        Guid locationId, MessageRulesRequest request, RecordWriter writer, CurrentUser user, MessagePlanner planner, TimeProvider time, CancellationToken cancellationToken)
    {
        var from = TimeOnly.TryParseExact(request.QuietFrom, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var quietFrom);
        var until = TimeOnly.TryParseExact(request.QuietUntil, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var quietUntil);
        new InputErrors()
            .Require(request.EmailHoursBefore is null or (>= 1 and <= 336), "emailHoursBefore", "1 to 336 hours (two weeks), or null for no email reminder.")
            .Require(request.SmsHoursBefore is null or (>= 1 and <= 336), "smsHoursBefore", "1 to 336 hours (two weeks), or null for no text reminder.")
            .Require(from, "quietFrom", "A time of day, HH:mm (e.g. 21:00).")
            .Require(until, "quietUntil", "A time of day, HH:mm (e.g. 08:00).")
            .ThrowIfAny();

        var set = new MessageRulesSet(locationId, request.EmailHoursBefore, request.SmsHoursBefore, quietFrom, quietUntil, time.GetUtcNow(), user.Id);
        await planner.ReplanLocationAsync(locationId, MessageSettings.RulesOf(set), cancellationToken);
        var exists = await writer.Session.Events.FetchStreamStateAsync(locationId, cancellationToken) is not null;
        if (!exists)
        {
            if (!MessageSettings.MayChange(locationId, user))
            {
                throw new ForbiddenException(MessageSettings.Access.Refusal);
            }

            var started = await writer.StartAsync(
                MessageSettings.Access, locationId, MessageSettings.Create(set), [set],
                new ConflictException("Set meanwhile", "Someone set this location's message rules at the same moment. Read them again."), cancellationToken);
            return TypedResults.Ok(MessageSettingsResponse.From(locationId, started.State));
        }

        var written = await writer.WriteAsync(MessageSettings.Access, locationId, Audited.Update, _ => [set], cancellationToken);
        return TypedResults.Ok(MessageSettingsResponse.From(locationId, written.State));
    }
}
