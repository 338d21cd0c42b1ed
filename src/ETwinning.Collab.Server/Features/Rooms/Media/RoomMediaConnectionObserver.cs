using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// A connection that leaves a session (asked, removed, disconnected) takes its publication and subscriptions off the
/// media server; it runs on the node that holds the connection, which is where its handles are.
/// </summary>
public sealed class RoomMediaConnectionObserver(RoomMediaService media) : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.RoomSession;

    public ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken) =>
        new(media.ConnectionLeftAsync(change.Connection.ConnectionId, cancellationToken));
}
