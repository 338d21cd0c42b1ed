namespace ETwinning.Collab.Server.Infrastructure.Nodes;

/// <summary>Handles one type of message from other nodes; derive from <see cref="NodeMessageHandler{TMessage}"/>.</summary>
public interface INodeMessageHandler
{
    Type MessageType { get; }

    ValueTask HandleAsync(object message, NodeMessageContext context, CancellationToken cancellationToken);
}

/// <summary>Where a message came from.</summary>
public sealed record NodeMessageContext(string FromNodeId);

/// <summary>A typed handler of messages from other nodes.</summary>
public abstract class NodeMessageHandler<TMessage> : INodeMessageHandler where TMessage : class
{
    public Type MessageType => typeof(TMessage);

    public ValueTask HandleAsync(object message, NodeMessageContext context, CancellationToken cancellationToken) =>
        HandleAsync((TMessage)message, context, cancellationToken);

    protected abstract ValueTask HandleAsync(TMessage message, NodeMessageContext context, CancellationToken cancellationToken);
}
