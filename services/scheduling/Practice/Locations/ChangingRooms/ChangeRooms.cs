namespace NmtPractice.Scheduling.Practice.Locations.ChangingRooms;

public sealed record RenameRoomRequest(string? Name);

public sealed record RetireRoomRequest(bool MoveAppointments);

/// <summary>An upcoming appointment in a room being retired, and where it went (or why it could not).</summary>
public sealed record RoomMove(Guid AppointmentId, DateTimeOffset StartsAt, Guid? ToRoomId);

/// <summary>
/// <c>PUT /api/scheduling/locations/{id}/rooms/{roomId}</c> renames a room;
/// <c>POST .../rooms/{roomId}/retire</c> retires it. Both take <c>If-Match</c> (the location's version).
/// A room with upcoming appointments is retired only when asked to move them
/// (<c>moveAppointments</c>), each to a room free at its time, all in one commit with the retirement;
/// otherwise, or when one cannot be moved, 409 lists them and nothing changes. The last room in use is not retired.
/// </summary>
internal static class ChangeRoomsEndpoints
{
    private static readonly RecordRules<Location> Rules = Location.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<LocationResponse>> RenameAsync(
        Guid id, Guid roomId, RenameRoomRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors().Text("name", request.Name, 50).ThrowIfAny();
        var name = request.Name!.Trim();
        var renamed = await writer.WriteAsync(Rules, id, Audited.Update, location =>
        {
            RoomInUse(location, roomId);
            return location.Rooms.Any(r => r.Id != roomId && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ? throw new ConflictException("Room exists", "The location already has a room with this name.")
                : [new RoomRenamed(id, roomId, name, time.GetUtcNow(), user.Id)];
        }, cancellationToken);
        return TypedResults.Ok(LocationResponse.From(renamed.State, renamed.Version));
    }

    internal static async Task<Ok<LocationResponse>> RetireAsync(
        Guid id, Guid roomId, RetireRoomRequest request, RecordWriter writer, SlotReservations reservations, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var write = await writer.LoadAsync(Rules, id, Audited.Update, cancellationToken);
        var location = write.State;
        RoomInUse(location, roomId);
        if (location.Rooms.Count == 1)
        {
            throw new ConflictException("Last room", "This is the location's only room in use: add another before retiring it.");
        }

        var now = time.GetUtcNow();
        var upcoming = await writer.Session.Query<Appointment>()
            .Where(a => a.LocationId == id && a.RoomId == roomId && a.EndsAt > now
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn))
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
        if (upcoming.Count > 0 && !request.MoveAppointments)
        {
            throw new ConflictException("Room has appointments", $"{upcoming.Count} upcoming appointment(s) are in this room: move them, or ask for them to be moved to free rooms.")
                .With("appointments", upcoming.Select(a => new RoomMove(a.Id, a.StartsAt, null)).ToList());
        }

        var moves = await PlanMovesAsync(reservations, location, roomId, upcoming, cancellationToken);
        if (moves.Any(m => m.ToRoomId is null))
        {
            throw new ConflictException("No free room", "Some upcoming appointments in this room have no other room free at their time; nothing was moved.")
                .With("appointments", moves.Where(m => m.ToRoomId is null).ToList());
        }

        foreach (var (appointment, move) in upcoming.Zip(moves))
        {
            var moved = await writer.AlongAsync(
                Appointment.Rules, appointment.Id, Audited.Update,
                current => current.RoomId == roomId && current.Held == appointment.Held
                    ? [new AppointmentRoomChanged(appointment.Id, id, move.ToRoomId!.Value, roomId, now, user.Id)]
                    : throw new ConflictException("Appointment changed", "An appointment in this room changed meanwhile; try again."),
                cancellationToken);
            SlotReservations.Release(writer.Session, appointment.Id);
            SlotReservations.Reserve(writer.Session, moved);
        }

        var retired = await write.CommitAsync([new RoomRetired(id, roomId, now, user.Id)], SlotReservations.SaveAsync, cancellationToken);
        return TypedResults.Ok(LocationResponse.From(retired.State, retired.Version));
    }

    private static void RoomInUse(Location location, Guid roomId)
    {
        if (location.Rooms.All(r => r.Id != roomId))
        {
            throw (location.RetiredRooms ?? []).Any(r => r.Id == roomId)
                ? new ConflictException("Room retired", "This room is already retired.")
                : new NotFoundException("Room not found", "The location has no room with this id.");
        }
    }

    /// <summary>For each appointment, the first other room in use (by name) free for the time it holds, if any.</summary>
    private static async Task<IReadOnlyList<RoomMove>> PlanMovesAsync(
        SlotReservations reservations, Location location, Guid roomId, IReadOnlyList<Appointment> upcoming, CancellationToken cancellationToken)
    {
        if (upcoming.Count == 0)
        {
            return [];
        }

        var others = location.Rooms.Where(r => r.Id != roomId).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var window = new Span(upcoming.Min(a => a.Held.From), upcoming.Max(a => a.Held.To));
        var busy = await reservations.BusyAsync([.. others.Select(r => r.Id)], window, cancellationToken);
        return [.. upcoming.Select(a => new RoomMove(
            a.Id,
            a.StartsAt,
            others.FirstOrDefault(r => !busy.Any(b => b.ResourceId == r.Id && b.Held.Overlaps(a.Held)))?.Id))];
    }
}
