using Marten;
using JasperFx.Events;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Audit;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Intake.Clients;

/// <summary>
/// Loads a client record for a request: 404 when unknown, 403 (audited) when it belongs to a location
/// the caller does not work at, an audit row for every read of personal or clinical data, and
/// <c>If-Match</c> checked against the stream version on writes.
/// </summary>
internal static class ClientAccess
{
    /// <summary>How records appear in the audit log.</summary>
    public const string ClientRecordResource = "client-record";
    public const string IntakeResource = "intake";
    public const string ScreeningResource = "screening";

    public static async Task<IEventStream<ClientRecord>> ForWritingAsync(
        IDocumentSession session,
        Guid clientId,
        HttpRequest request,
        CurrentUser user,
        AuditLog audit,
        string resourceType,
        bool ifMatchRequired,
        CancellationToken cancellationToken)
    {
        var expected = request.ExpectedVersion();
        if (expected is null && ifMatchRequired)
        {
            throw new PreconditionRequiredException("Send If-Match with the ETag of the client record you read, so that no one's change is overwritten.");
        }

        var stream = await session.Events.FetchForWriting<ClientRecord>(clientId, cancellationToken);
        var record = stream.Aggregate ?? throw NotFound();
        if (!user.CanAccess(record.LocationId))
        {
            await audit.RecordDeniedAsync(new AuditEntry("update", resourceType, clientId.ToString(), record.LocationId, clientId), cancellationToken);
            throw new ForbiddenException("This client is registered at a location you do not work at.");
        }

        if (expected is { } version && version != stream.CurrentVersion)
        {
            throw new PreconditionFailedException($"The client record is at version {stream.CurrentVersion}; you sent changes to version {version}. Read it again.");
        }

        return stream;
    }

    public static async Task<ClientRecord> ForReadingAsync(
        IQuerySession session,
        Guid clientId,
        CurrentUser user,
        AuditLog audit,
        string resourceType,
        CancellationToken cancellationToken)
    {
        var record = await session.LoadAsync<ClientRecord>(clientId, cancellationToken) ?? throw NotFound();
        var entry = new AuditEntry("read", resourceType, clientId.ToString(), record.LocationId, clientId);
        if (!user.CanAccess(record.LocationId))
        {
            await audit.RecordDeniedAsync(entry, cancellationToken);
            throw new ForbiddenException("This client is registered at a location you do not work at.");
        }

        await audit.RecordReadAsync(entry, cancellationToken);
        return record;
    }

    /// <summary>Appends the decided events with their audit row and commits; returns the new version.</summary>
    public static async Task<long> CommitAsync(
        IDocumentSession session,
        IEventStream<ClientRecord> stream,
        IReadOnlyList<object> events,
        AuditLog audit,
        AuditEntry entry,
        CancellationToken cancellationToken)
    {
        var before = stream.CurrentVersion ?? 0;
        stream.AppendMany(events);
        audit.RecordWrite(session, entry);
        await session.SaveChangesAsync(cancellationToken);
        return before + events.Count;
    }

    public static NotFoundException NotFound() => new("Client not found", "No client has this id.");
}
