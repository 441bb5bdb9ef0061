namespace NmtPractice.Scheduling.Practice.Locations.AddingRoom;

public sealed record AddRoomRequest(Guid? RoomId, string? Name);

/// <summary><c>POST /api/scheduling/locations/{id}/rooms</c>: a treatment room, its name unique at the location.</summary>
internal static class AddRoomEndpoint
{
    internal static async Task<Ok<LocationResponse>> Handle(
        Guid id, AddRoomRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors().Text("name", request.Name, 50).ThrowIfAny();
        var roomId = request.RoomId ?? Guid.CreateVersion7();
        var name = request.Name!.Trim();
        var added = await writer.WriteAsync(Location.Rules, id, Audited.Update, location => [Decide(location, roomId, name, time.GetUtcNow(), user.Id)], cancellationToken);
        return TypedResults.Ok(LocationResponse.From(added.State, added.Version));
    }

    private static RoomAdded Decide(Location location, Guid roomId, string name, DateTimeOffset now, string by) =>
        location.Rooms.Any(r => r.Id == roomId || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ? throw new ConflictException("Room exists", "The location already has a room with this id or name.")
            : new RoomAdded(location.Id, roomId, name, now, by);
}
