using Npgsql;

namespace NmtPractice.Scheduling.Reservations;

/// <summary>What a reservation holds: a therapist or a room.</summary>
public enum ResourceKind
{
    Therapist,
    Room,
}

/// <summary>
/// How double booking is made impossible: every appointment reserves its therapist and its room for
/// [start, end + turnover buffer) in the <c>slot_reservations</c> table, written in the same
/// transaction as the appointment's events. Two PostgreSQL exclusion constraints (GiST over the
/// resource id and the time range) refuse any overlapping reservation of the same therapist or room,
/// whatever the number of concurrent requests, service replicas or code paths: the database, not the
/// application, is the arbiter. The losing transaction fails as a whole (no event, no reservation)
/// and the API answers 409.
/// </summary>
public sealed class SlotReservations(string connectionString) : IHostedService
{
    public const string Table = "scheduling.slot_reservations";
    private const string TherapistConstraint = "slot_reservations_therapist_overlap";
    private const string RoomConstraint = "slot_reservations_room_overlap";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            create extension if not exists btree_gist;
            create schema if not exists scheduling;
            create table if not exists {Table} (
                appointment_id uuid not null,
                resource_kind text not null check (resource_kind in ('therapist', 'room')),
                resource_id uuid not null,
                location_id uuid not null,
                during tstzrange not null,
                primary key (appointment_id, resource_kind));
            do $$ begin
                if not exists (select 1 from pg_constraint where conname = '{TherapistConstraint}') then
                    alter table {Table} add constraint {TherapistConstraint}
                        exclude using gist (resource_id with =, during with &&) where (resource_kind = 'therapist');
                end if;
                if not exists (select 1 from pg_constraint where conname = '{RoomConstraint}') then
                    alter table {Table} add constraint {RoomConstraint}
                        exclude using gist (resource_id with =, during with &&) where (resource_kind = 'room');
                end if;
            end $$;
            create index if not exists slot_reservations_location on {Table} using gist (location_id, during);
            """,
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Queues the reservations of the appointment as it now stands (its therapist and room, for the time it holds).</summary>
    public static void Reserve(IDocumentSession session, Appointments.Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        Reserve(session, appointment.Id, appointment.LocationId, appointment.TherapistId, appointment.RoomId, appointment.Held);
    }

    private static void Reserve(IDocumentSession session, Guid appointmentId, Guid locationId, Guid therapistId, Guid roomId, Span held)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var (kind, resource) in new[] { ("therapist", therapistId), ("room", roomId) })
        {
            session.QueueSqlCommand(
                $"insert into {Table} (appointment_id, resource_kind, resource_id, location_id, during) values (?, ?, ?, ?, tstzrange(?, ?, '[)'))",
                appointmentId, kind, resource, locationId, held.From.ToUniversalTime(), held.To.ToUniversalTime());
        }
    }

    /// <summary>Queues the release of an appointment's reservations in the session's transaction.</summary>
    public static void Release(IDocumentSession session, Guid appointmentId)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.QueueSqlCommand($"delete from {Table} where appointment_id = ?", appointmentId);
    }

    /// <summary>Saves the session; an overlap refused by the database becomes a 409 naming what was taken.</summary>
    public static async Task SaveAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex.FindPostgres() is { SqlState: PostgresErrorCodes.ExclusionViolation } overlap)
        {
            throw overlap.ConstraintName == RoomConstraint
                ? new SlotTakenException(ResourceKind.Room)
                : new SlotTakenException(ResourceKind.Therapist);
        }
        catch (Exception ex) when (ex.FindPostgres() is { SqlState: PostgresErrorCodes.DeadlockDetected })
        {
            // Concurrent inserts of overlapping ranges into an exclusion constraint can deadlock
            // instead of violating it: PostgreSQL aborts one of them, and the other goes on.
            throw new SlotTakenException(null);
        }
    }

    /// <summary>Busy spans of the given therapists and rooms that overlap a window.</summary>
    public async Task<IReadOnlyList<Busy>> BusyAsync(
        IReadOnlyCollection<Guid> resources, Span window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select resource_kind, resource_id, lower(during), upper(during), appointment_id from {Table} where resource_id = any(@resources) and during && tstzrange(@from, @to, '[)')",
            connection);
        command.Parameters.AddWithValue("resources", resources.ToArray());
        command.Parameters.AddWithValue("from", window.From.ToUniversalTime());
        command.Parameters.AddWithValue("to", window.To.ToUniversalTime());
        var busy = new List<Busy>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            busy.Add(new Busy(
                reader.GetString(0) == "room" ? ResourceKind.Room : ResourceKind.Therapist,
                reader.GetGuid(1),
                new Span(reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)),
                reader.GetGuid(4)));
        }

        return busy;
    }
}

/// <summary>A therapist or room held by an appointment for a span (including its turnover buffer).</summary>
public sealed record Busy(ResourceKind Kind, Guid ResourceId, Span Held, Guid AppointmentId);

/// <summary>The therapist or room is already booked for (part of) the time asked for: 409.</summary>
public sealed class SlotTakenException(ResourceKind? kind)
    : ProblemException(
        409,
        kind switch
        {
            ResourceKind.Room => "Room already booked",
            ResourceKind.Therapist => "Therapist already booked",
            _ => "Slot taken",
        },
        kind switch
        {
            ResourceKind.Room => "The room is booked for part of this time (including the turnover buffer). Choose another room or time.",
            ResourceKind.Therapist => "The therapist has another appointment at this time (including the turnover buffer). Choose another time or therapist.",
            _ => "Another booking of this therapist or room for an overlapping time was made at the same moment and won. Choose another time.",
        })
{
    /// <summary>What was taken, when known.</summary>
    public ResourceKind? Kind { get; } = kind;
}
