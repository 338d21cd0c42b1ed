using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Live pages follow the connection registry: a connection that leaves a page, closes, or is evicted with its
/// member takes its cursors with it, at once, for everyone on the page.
/// </summary>
internal sealed class LivePageConnections(LivePageService pages) : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.Page;

    public ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken) =>
        new(pages.LeaveAsync(change.Scope.TwinSpaceId, change.Scope.ResourceId, change.Connection.ConnectionId));
}
