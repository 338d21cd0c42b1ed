using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// A connection that leaves a live event (asked, evicted, disconnected) takes its publication and subscriptions off the
/// media server; it runs on the node that holds the connection, which is where its handles are.
/// </summary>
public sealed class LiveMediaConnectionObserver(LiveEventMediaService media) : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.LiveEvent;

    public ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken) =>
        new(media.ConnectionLeftAsync(change.Connection.ConnectionId, cancellationToken));
}
