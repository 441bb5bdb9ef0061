using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NmtPractice.Scheduling.Practice;
using NmtPractice.Scheduling.Practice.Locations;
using NmtPractice.Scheduling.Practice.Services;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Security;

namespace NmtPractice.Scheduling.Waitlist;

public sealed record JoinWaitlistRequest(Guid? ClientId, Guid? LocationId, string? ServiceCode, Guid? TherapistId, DateOnly? From, DateOnly? To);

/// <summary>
/// The waitlist: clients wait for a service at a location in a date range; when an appointment is
/// cancelled or moved, the freed slot is offered to the longest-waiting matching entry
/// (<see cref="WaitlistOfferer"/>); booking from the offer fulfils the entry, declining passes the
/// slot to the next entry in line.
/// </summary>
internal static class WaitlistCommands
{
    internal static async Task<Created<WaitlistEntry>> JoinAsync(JoinWaitlistRequest request, IDocumentSession session, CurrentUser user, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        new InputErrors()
            .Require(request.ClientId is { } c && c != Guid.Empty, "clientId", "Required.")
            .Require(request.LocationId is { } l && l != Guid.Empty, "locationId", "Required.")
            .Require(!string.IsNullOrWhiteSpace(request.ServiceCode), "serviceCode", "Required.")
            .Require(request.From is { } from && from >= today.AddDays(-1), "from", "Required, and not in the past.")
            .Require(request.To is { } to && request.From is { } start && to >= start && to.DayNumber - start.DayNumber <= 92, "to", "Required, not before 'from', at most 92 days later.")
            .ThrowIfAny();
        user.EnsureCanAccess(request.LocationId!.Value);
        _ = await session.LoadAsync<Location>(request.LocationId.Value, cancellationToken) ?? throw PracticeRoles.NotFound("Location");
        var code = request.ServiceCode!.ToUpperInvariant();
        if (!await session.Query<ServiceDefinition>().AnyAsync(s => s.Code == code, cancellationToken))
        {
            throw new NotFoundException("Service not found", $"No service has the code {request.ServiceCode}.");
        }

        var joined = new ClientWaitlisted(Guid.CreateVersion7(), request.ClientId!.Value, request.LocationId.Value, code, request.TherapistId, request.From!.Value, request.To!.Value, time.GetUtcNow(), user.Id);
        session.Events.StartStream<WaitlistEntry>(joined.EntryId, joined);
        await session.SaveChangesAsync(cancellationToken);
        var entry = WaitlistEntry.Create(joined);
        response.SetETag(entry.Version);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/waitlist/{entry.Id}", entry);
    }

    internal static async Task<Ok<IReadOnlyList<WaitlistLine>>> ListAsync(Guid locationId, IQuerySession session, CurrentUser user, CancellationToken cancellationToken)
    {
        user.EnsureCanAccess(locationId);
        var entries = await session.Query<WaitlistEntry>()
            .Where(e => e.LocationId == locationId && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered))
            .OrderBy(e => e.JoinedAt)
            .ToListAsync(cancellationToken);
        var clients = entries.Select(e => e.ClientId).Distinct().ToArray();
        var names = (await session.LoadManyAsync<Clients.ClientBookingStatus>(cancellationToken, clients))
            .ToDictionary(status => status.Id, status => status.DisplayName);
        return TypedResults.Ok<IReadOnlyList<WaitlistLine>>([.. entries.Select(e => WaitlistLine.Of(e, names.GetValueOrDefault(e.ClientId)))]);
    }

    internal static async Task<Ok<WaitlistEntry>> DeclineAsync(Guid id, IDocumentSession session, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<WaitlistEntry>(id, cancellationToken);
        var entry = stream.Aggregate ?? throw new NotFoundException("Waitlist entry not found", "No waitlist entry has this id.");
        user.EnsureCanAccess(entry.LocationId);
        if (entry.Status != WaitlistStatus.Offered || entry.Offer is not { } offer)
        {
            throw new ConflictException("No offer", "Only an entry with a slot on offer can decline it.");
        }

        var declined = new WaitlistOfferDeclined(id, time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(declined);
        var after = entry.Apply(declined);

        // The slot goes to the next client in line.
        var next = await WaitlistOfferer.NextInLineAsync(session, entry.LocationId, entry.ServiceCode, offer.TherapistId, offer.StartsAt, excluding: id, cancellationToken);
        if (next is not null)
        {
            session.Events.Append(next.Id, new WaitlistSlotOffered(next.Id, next.ClientId, next.LocationId, next.ServiceCode, offer.TherapistId, offer.StartsAt, offer.EndsAt, Guid.Empty, time.GetUtcNow()));
        }

        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after with { Version = version });
    }

    internal static async Task<Ok<WaitlistEntry>> WithdrawAsync(Guid id, IDocumentSession session, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<WaitlistEntry>(id, cancellationToken);
        var entry = stream.Aggregate ?? throw new NotFoundException("Waitlist entry not found", "No waitlist entry has this id.");
        user.EnsureCanAccess(entry.LocationId);
        if (entry.Status is WaitlistStatus.Fulfilled or WaitlistStatus.Withdrawn)
        {
            throw new ConflictException("Entry closed", $"The entry is already {entry.Status}.");
        }

        var withdrawn = new WaitlistEntryWithdrawn(id, time.GetUtcNow(), user.Id);
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(withdrawn);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(entry.Apply(withdrawn) with { Version = version });
    }

    /// <summary>Marks the entry fulfilled by a booking, in the booking's transaction.</summary>
    internal static async Task FulfilAsync(IDocumentSession session, Guid entryId, Guid clientId, Guid appointmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<WaitlistEntry>(entryId, cancellationToken);
        var entry = stream.Aggregate ?? throw new NotFoundException("Waitlist entry not found", "No waitlist entry has this id.");
        if (entry.ClientId != clientId || entry.Status is WaitlistStatus.Fulfilled or WaitlistStatus.Withdrawn)
        {
            throw new ConflictException("Waitlist entry not open", "The waitlist entry is closed or belongs to another client.");
        }

        stream.AppendOne(new WaitlistEntryFulfilled(entryId, appointmentId, now));
    }
}
