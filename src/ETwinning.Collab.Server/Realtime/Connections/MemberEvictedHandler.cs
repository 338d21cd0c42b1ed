using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>Applies another node's eviction to this node's connections.</summary>
internal sealed class MemberEvictedHandler(ConnectionRegistry connections) : NodeMessageHandler<MemberEvicted>
{
    protected override ValueTask HandleAsync(MemberEvicted message, NodeMessageContext context, CancellationToken cancellationToken) =>
        new(connections.EvictLocalAsync(message.TwinSpaceId, message.AccountId, cancellationToken));
}
