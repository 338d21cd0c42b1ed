using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>A connection that leaves a session (asked, removed, disconnected) stops being a participant; its lobby place, if any, stays.</summary>
public sealed class RoomSessionConnectionObserver(RoomSessionService sessions) : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.RoomSession;

    public ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken) =>
        new(sessions.ConnectionLeftAsync(change.Scope.TwinSpaceId, change.Scope.ResourceId, change.Connection.ConnectionId, lobbyToo: false, cancellationToken));
}
