using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// A connection that leaves a room (closes the view, disconnects, is evicted) leaves its session and the lobby too,
/// on whichever node held it; the session state is shared, so every node sees the change.
/// </summary>
public sealed class RoomConnectionObserver(RoomSessionService sessions) : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.Room;

    public ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken) =>
        new(sessions.ConnectionLeftAsync(change.Scope.TwinSpaceId, change.Scope.ResourceId, change.Connection.ConnectionId, lobbyToo: true, cancellationToken));
}
