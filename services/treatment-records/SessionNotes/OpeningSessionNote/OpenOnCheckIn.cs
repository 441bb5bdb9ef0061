using MassTransit;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;

namespace NmtPractice.TreatmentRecords.SessionNotes.OpeningSessionNote;

/// <summary>
/// Opens the note of a session when the client checks in, if their screening allows treatment, and
/// keeps each client's screening current. Both kinds of message are handled by one consumer,
/// partitioned by client, so that a check-in arriving before the screening waits for it (as a
/// pending check-in on the client's screening document) rather than being lost or refused.
/// Redelivered messages change nothing: the note's id is the appointment's.
/// </summary>
internal sealed partial class OpenOnCheckInConsumer(IDocumentSession session, TimeProvider time, ILogger<OpenOnCheckInConsumer> logger) :
    IConsumer<AppointmentCheckedIn>,
    IConsumer<ScreeningCompleted>,
    IConsumer<IntakeExpired>
{
    public async Task Consume(ConsumeContext<AppointmentCheckedIn> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (await session.Events.FetchStreamStateAsync(message.AppointmentId, context.CancellationToken) is not null)
        {
            return;
        }

        var checkIn = new PendingCheckIn(
            message.AppointmentId, message.LocationId, message.TherapistId, DateOnly.FromDateTime(message.StartsAt.DateTime), message.OccurredAt);
        var screening = await session.LoadAsync<ClientScreening>(message.ClientId, context.CancellationToken);
        if (screening?.Status is null)
        {
            var known = screening ?? ClientScreening.Unknown(message.ClientId, message.LocationId);
            if (known.PendingCheckIns.All(pending => pending.AppointmentId != message.AppointmentId))
            {
                session.Store(known with { PendingCheckIns = [.. known.PendingCheckIns, checkIn] });
            }

            LogWaiting(logger, message.AppointmentId);
            return;
        }

        Open(message.ClientId, checkIn, screening);
    }

    public async Task Consume(ConsumeContext<ScreeningCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var held = await session.LoadAsync<ClientScreening>(message.ClientId, context.CancellationToken)
            ?? ClientScreening.Unknown(message.ClientId, message.LocationId);
        if (held.ScreenedAt is { } screenedAt && screenedAt >= message.OccurredAt)
        {
            return;
        }

        var screening = held with
        {
            LocationId = message.LocationId,
            Status = message.Status,
            RegionsToAvoid = message.RegionsToAvoid,
            Precautions = message.Precautions,
            ClearanceValidUntil = message.ClearanceValidUntil,
            IntakeValidUntil = message.IntakeValidUntil,
            RuleSetVersion = message.RuleSetVersion,
            ScreenedAt = message.OccurredAt,
            PendingCheckIns = [],
        };
        session.Store(screening);

        foreach (var pending in held.PendingCheckIns)
        {
            if (await session.Events.FetchStreamStateAsync(pending.AppointmentId, context.CancellationToken) is null)
            {
                Open(message.ClientId, pending, screening);
            }
        }
    }

    public async Task Consume(ConsumeContext<IntakeExpired> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var held = await session.LoadAsync<ClientScreening>(message.ClientId, context.CancellationToken)
            ?? ClientScreening.Unknown(message.ClientId, message.LocationId);
        if (held.IntakeExpiredAt is { } expired && expired >= message.OccurredAt)
        {
            return;
        }

        session.Store(held with { IntakeExpiredAt = message.OccurredAt });
    }

    private void Open(Guid clientId, PendingCheckIn checkIn, ClientScreening screening)
    {
        var (shown, refusal) = OpeningRules.Check(screening, checkIn.SessionDate);
        if (refusal is not null)
        {
            // Recorded and published for the front desk's calendar; the log holds ids and the reason code only.
            var refusalId = Guid.CreateVersion7();
            session.Events.StartStream(refusalId, new NoteRefusedAtCheckIn(refusalId, checkIn.AppointmentId, clientId, checkIn.LocationId, refusal.Code, time.GetUtcNow()));
            LogRefused(logger, checkIn.AppointmentId, refusal.Code);
            return;
        }

        session.Events.StartStream<SessionNote>(checkIn.AppointmentId, new SessionNoteOpened(
            checkIn.AppointmentId, checkIn.AppointmentId, clientId, checkIn.LocationId, checkIn.TherapistId, checkIn.SessionDate,
            SessionNoteDecisions.CheckInSource, SessionNoteDecisions.CheckInSource, shown!, time.GetUtcNow()));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in of appointment {AppointmentId} waits for the client's screening before its note opens")]
    private static partial void LogWaiting(ILogger logger, Guid appointmentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No note opened for the check-in of appointment {AppointmentId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid appointmentId, string reason);
}

/// <summary>One client's messages are handled one at a time; optimistic concurrency on the screening document covers replicas.</summary>
internal sealed class OpenOnCheckInConsumerDefinition : ConsumerDefinition<OpenOnCheckInConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OpenOnCheckInConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        var partitioner = endpointConfigurator.CreatePartitioner(8);
        consumerConfigurator.Message<AppointmentCheckedIn>(m => m.UsePartitioner(partitioner, c => c.Message.ClientId));
        consumerConfigurator.Message<ScreeningCompleted>(m => m.UsePartitioner(partitioner, c => c.Message.ClientId));
        consumerConfigurator.Message<IntakeExpired>(m => m.UsePartitioner(partitioner, c => c.Message.ClientId));
    }
}
