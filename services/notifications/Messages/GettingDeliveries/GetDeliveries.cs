namespace NmtPractice.Notifications.Messages.GettingDeliveries;

/// <summary>How a location's messages of one kind on one channel fared: how many stand at each step.</summary>
/// <param name="Kind">What they are.</param>
/// <param name="Channel">How they travel.</param>
/// <param name="Planned">Waiting for their time (or a retry).</param>
/// <param name="Sent">Accepted by the mail server or SMS gateway, no report since.</param>
/// <param name="Delivered">Reported delivered to the phone.</param>
/// <param name="Answered">Answered by the client.</param>
/// <param name="Failed">Failed for good (each with its reason on the client's page).</param>
/// <param name="Bounced">Refused by the address or number.</param>
/// <param name="Withdrawn">No longer wanted before their time.</param>
public sealed record DeliveryCount(MessageKind Kind, Channel Channel, int Planned, int Sent, int Delivered, int Answered, int Failed, int Bounced, int Withdrawn);

/// <summary>A location's deliveries over a span of send times.</summary>
public sealed record Deliveries(Guid LocationId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DeliveryCount> Counts);

/// <summary>
/// <c>GET /api/notifications/deliveries?locationId=…&amp;from=…&amp;to=…</c>: for the location's managers
/// (and operations), how its messages due in the span fared, by kind and channel, so that reminders
/// that do not arrive are seen. At most 93 days at a time; counts only, no client named.
/// </summary>
internal static class GetDeliveriesEndpoint
{
    internal static readonly TimeSpan MaxSpan = TimeSpan.FromDays(93);

    internal static async Task<Ok<Deliveries>> Handle(
        Guid? locationId, DateTimeOffset? from, DateTimeOffset? to, IQuerySession session, CurrentUser user, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(locationId is not null, "locationId", "Required.")
            .Require(from is not null, "from", "Required: an instant, e.g. 2027-03-01T00:00:00Z.")
            .Require(to is not null, "to", "Required: an instant after from.")
            .Require(from is null || to is null || (to > from && to - from <= MaxSpan), "to", "After from, and at most 93 days later.")
            .ThrowIfAny();
        var location = locationId!.Value;
        if (!user.SeesAllLocations && !user.IsInRoleAt(NmtRoles.ClinicManager, location))
        {
            throw new ForbiddenException("Only the location's clinic manager, or operations, reads its deliveries.");
        }

        var start = from!.Value.ToUniversalTime();
        var end = to!.Value.ToUniversalTime();
        var steps = await session.Query<Message>()
            .Where(message => message.LocationId == location && message.SendAt >= start && message.SendAt < end)
            .Select(message => new { message.Kind, message.Channel, message.Status })
            .ToListAsync(cancellationToken);
        IReadOnlyList<DeliveryCount> counts =
        [
            .. steps.GroupBy(step => (step.Kind, step.Channel)).OrderBy(group => group.Key.Kind).ThenBy(group => group.Key.Channel).Select(group => new DeliveryCount(
                group.Key.Kind, group.Key.Channel,
                group.Count(step => step.Status is MessageStatus.Planned or MessageStatus.Due),
                group.Count(step => step.Status == MessageStatus.Sent),
                group.Count(step => step.Status == MessageStatus.Delivered),
                group.Count(step => step.Status == MessageStatus.Answered),
                group.Count(step => step.Status == MessageStatus.Failed),
                group.Count(step => step.Status == MessageStatus.Bounced),
                group.Count(step => step.Status == MessageStatus.Withdrawn))),
        ];
        return TypedResults.Ok(new Deliveries(location, start, end, counts));
    }
}
