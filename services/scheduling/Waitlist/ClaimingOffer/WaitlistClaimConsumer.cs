using MassTransit;
using NmtPractice.Contracts.Notifications;
using NmtPractice.ServiceDefaults.Audit;

namespace NmtPractice.Scheduling.Waitlist.ClaimingOffer;

/// <summary>
/// Books the time a waitlist offer holds when its client takes it by the link in the offer: as the
/// client, behind the same booking rules and screening gate as the front desk's bookings, fulfilling
/// the entry in the same commit, audited with the client as the actor. A claim that may not be booked
/// (expired, not on offer, taken meanwhile, refused by the rules) is recorded on the entry as refused,
/// and published so that the client is told. The appointment id comes with the claim: a second link of
/// the same offer, or the same claim delivered twice, finds it booked and changes nothing. Two claims
/// racing for one time meet the reservations' exclusion constraint: the loser is retried and refused.
/// </summary>
internal sealed class WaitlistClaimConsumer(IDocumentSession session, SlotReservations reservations, AuditLog audit, TimeProvider time) : IConsumer<WaitlistOfferClaimed>
{
    public async Task Consume(ConsumeContext<WaitlistOfferClaimed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Message;
        var cancellationToken = context.CancellationToken;
        if (await session.LoadAsync<Appointment>(claim.AppointmentId, cancellationToken) is not null)
        {
            return;
        }

        var stream = await session.Events.FetchForWriting<WaitlistEntry>(claim.WaitlistEntryId, cancellationToken);
        if (stream.Aggregate is not { } entry || entry.LocationId != claim.LocationId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var by = ClientActor.For(claim.ClientId);
        var refusal = WaitlistClaims.Refusal(entry, new OfferClaim(claim.ClientId, claim.TherapistId, claim.StartsAt, claim.OccurredAt));
        AppointmentBooked? booked = null;
        if (refusal is null)
        {
            try
            {
                var scene = await BookingScene.LoadAsync(
                    session, reservations, entry.LocationId, claim.TherapistId, entry.ServiceCode, entry.ClientId, claim.StartsAt, now, cancellationToken);
                booked = AppointmentDecisions.Book(scene, new BookAppointment(claim.AppointmentId, entry.ClientId, claim.StartsAt, null, entry.Id, by));
            }
            catch (SlotTakenException)
            {
                refusal = WaitlistClaims.Taken;
            }
            catch (ProblemException problem)
            {
                refusal = problem.Title == BookingRules.NoRoomFree ? WaitlistClaims.Taken : WaitlistClaims.NotBookable;
            }
        }

        if (booked is null)
        {
            stream.AppendOne(new WaitlistClaimRefused(entry.Id, claim.ClaimId, claim.AppointmentId, entry.ClientId, entry.LocationId, refusal!, now));
            return;
        }

        var appointment = Appointment.Create(booked);
        session.Events.StartStream<Appointment>(appointment.Id, booked);
        SlotReservations.Reserve(session, appointment);
        stream.AppendOne(new WaitlistEntryFulfilled(entry.Id, appointment.Id, now));
        audit.RecordWrite(session, new AuditEntry("create", "appointment", appointment.Id.ToString(), appointment.LocationId, appointment.ClientId), by);
    }
}
