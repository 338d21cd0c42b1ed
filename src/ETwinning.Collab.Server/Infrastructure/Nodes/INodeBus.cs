namespace ETwinning.Collab.Server.Infrastructure.Nodes;

/// <summary>
/// Everything the nodes of a cluster tell each other (page updates, evictions, ...): typed messages, delivered
/// to the handlers that features register (<see cref="NodeBusExtensions.AddNodeMessageHandler{TMessage, THandler}"/>)
/// on every OTHER node. Over Redis when configured, in memory otherwise. Delivery is best effort, as Redis pub/sub
/// is: a node that misses a message catches up from the store (durable streams have per-stream sequences).
/// </summary>
public interface INodeBus
{
    /// <summary>This node's id, carried by every message it publishes.</summary>
    string NodeId { get; }

    /// <summary>Publishes to the other nodes; never throws for a transport failure (it is logged).</summary>
    Task PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default) where TMessage : class;
}
