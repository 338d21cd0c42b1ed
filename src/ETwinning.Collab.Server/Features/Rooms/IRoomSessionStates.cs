namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Where live session states live: in memory on a single node, in Redis when nodes share the sessions. Every change
/// is compare-and-set on <see cref="RoomSessionState.Version"/>, so the nodes agree on one order of changes without
/// a lock held across the network. One running session per room.
/// </summary>
public interface IRoomSessionStates
{
    ValueTask<RoomSessionState?> FindAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new session unless the room has one; false when it has.</summary>
    Task<bool> TryAddAsync(RoomSessionState state, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="state"/> if the stored version is still <paramref name="expectedVersion"/>.</summary>
    Task<bool> TryReplaceAsync(RoomSessionState state, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes the room's session if its version is still <paramref name="expectedVersion"/>.</summary>
    Task<bool> TryRemoveAsync(string twinSpaceId, string roomId, long expectedVersion, CancellationToken cancellationToken = default);
}
