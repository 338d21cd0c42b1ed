namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>The rooms of every TwinSpace and the attendance of their ended sessions.</summary>
public interface IRoomStore
{
    /// <summary>Stores a new room with <see cref="Room.Version"/> 1; conflict when its id is taken.</summary>
    Task<Room> AddRoomAsync(Room room, CancellationToken cancellationToken = default);

    ValueTask<Room?> FindRoomAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default);

    /// <summary>The TwinSpace's rooms, oldest first (archived ones too).</summary>
    ValueTask<IReadOnlyList<Room>> ListRoomsAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored room of the same TwinSpace and id with <paramref name="updated"/> (its version set to
    /// <paramref name="expectedVersion"/> + 1) if the stored version is still <paramref name="expectedVersion"/>;
    /// returns the stored room, or null when the version moved or the room is gone. Id, creator, creation time,
    /// chat channel and folder never change.
    /// </summary>
    Task<Room?> TryReplaceRoomAsync(Room updated, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Stores an ended session; storing the same session id again changes nothing and returns the stored one.</summary>
    Task<RoomSessionRecord> AddSessionAsync(RoomSessionRecord session, CancellationToken cancellationToken = default);

    ValueTask<RoomSessionRecord?> FindSessionAsync(string twinSpaceId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>A room's ended sessions, newest first.</summary>
    ValueTask<IReadOnlyList<RoomSessionRecord>> ListSessionsAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default);
}
