using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.Notifications.Messages.ListingClientMessages;

/// <summary>One message to a client as staff see it: what, how, where it stands and each step with its reason; never the address or the text.</summary>
public sealed record ClientMessage(
    Guid Id,
    MessageKind Kind,
    Channel Channel,
    Guid LocationId,
    Guid? AppointmentId,
    DateTimeOffset? AppointmentStartsAt,
    MessageStatus Status,
    DateTimeOffset SendAt,
    int Attempts,
    IReadOnlyList<MessageStep> History);

/// <summary><c>GET /api/notifications/clients/{clientId}/messages</c>: the client's messages, newest first (audited).</summary>
internal static class ListClientMessagesEndpoint
{
    internal const int Limit = 200;

    internal static async Task<Ok<IReadOnlyList<ClientMessage>>> Handle(
        Guid clientId, IQuerySession session, CurrentUser user, ClientReaches reaches, AuditLog audit, CancellationToken cancellationToken)
    {
        user.EnsureOwnClientIfClient(clientId);
        var reach = await reaches.ForAsync(clientId, cancellationToken);
        var related = reaches.IsRelated(reach);
        var ids = related ? reach.Ids.Append(clientId).Distinct().ToArray() : [clientId];
        var query = session.Query<Message>().Where(message => ids.Contains(message.ClientId));
        if (!related)
        {
            var locations = user.Locations.ToArray();
            query = query.Where(message => locations.Contains(message.LocationId));
        }

        var messages = await query.OrderByDescending(message => message.SendAt).Take(Limit).ToListAsync(cancellationToken);
        await audit.RecordReadAsync(new AuditEntry("list", "client-messages", clientId.ToString(), null, clientId), cancellationToken);
        IReadOnlyList<ClientMessage> listed =
        [
            .. messages.Select(message => new ClientMessage(
                message.Id, message.Kind, message.Channel, message.LocationId, message.Facts.AppointmentId, message.Facts.StartsAt,
                message.Status, message.SendAt, message.Attempts, message.History)),
        ];
        return TypedResults.Ok(listed);
    }
}
