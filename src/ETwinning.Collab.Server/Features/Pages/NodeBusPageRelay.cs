using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Page updates and awareness travel to the other nodes on the node bus; clients there are reached by the
/// SignalR backplane, this keeps the nodes' in-memory documents current. CRDT merges are idempotent and
/// commutative, so a duplicate or a reordering is harmless, and a lost message is healed by the next load.
/// </summary>
internal sealed class NodeBusPageRelay(INodeBus bus) : IPageRelay
{
    public Task PublishUpdateAsync(string twinSpaceId, string pageId, long sequence, byte[] update) =>
        bus.PublishAsync(new PageUpdateRelayed(twinSpaceId, pageId, sequence, update));

    public Task PublishAwarenessAsync(string twinSpaceId, string pageId, byte[] awareness) =>
        bus.PublishAsync(new PageAwarenessRelayed(twinSpaceId, pageId, awareness));
}

/// <summary>Applies other nodes' page updates to this node's loaded pages.</summary>
internal sealed class PageUpdateRelayedHandler(LivePageService pages) : NodeMessageHandler<PageUpdateRelayed>
{
    protected override ValueTask HandleAsync(PageUpdateRelayed message, NodeMessageContext context, CancellationToken cancellationToken)
    {
        pages.ApplyRemoteUpdate(message.TwinSpaceId, message.PageId, message.Sequence, message.Update);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Records other nodes' awareness on this node's loaded pages.</summary>
internal sealed class PageAwarenessRelayedHandler(LivePageService pages) : NodeMessageHandler<PageAwarenessRelayed>
{
    protected override ValueTask HandleAsync(PageAwarenessRelayed message, NodeMessageContext context, CancellationToken cancellationToken)
    {
        pages.ApplyRemoteAwareness(message.TwinSpaceId, message.PageId, message.Awareness);
        return ValueTask.CompletedTask;
    }
}
