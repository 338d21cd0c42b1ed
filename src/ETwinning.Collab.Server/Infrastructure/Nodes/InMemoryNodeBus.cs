namespace ETwinning.Collab.Server.Infrastructure.Nodes;

/// <summary>The node bus without Redis: messages go to the nodes of an <see cref="InMemoryNodeNetwork"/>.</summary>
internal sealed class InMemoryNodeBus(NodeIdentity node, InMemoryNodeNetwork network, TimeProvider clock) : INodeBus
{
    public string NodeId => node.Id;

    // A lone node (the default) skips encoding altogether: page updates publish on every keystroke.
    public Task PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default) where TMessage : class =>
        network.HasSeveralNodes ? network.DeliverAsync(NodeEnvelope.Encode(node.Id, message, clock.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken) : Task.CompletedTask;
}

/// <summary>Attaches this node's dispatcher to the in-memory network while the host runs.</summary>
internal sealed class InMemoryNodeSubscription(InMemoryNodeNetwork network, NodeMessageDispatcher dispatcher) : IHostedService, IDisposable
{
    private IDisposable? _attachment;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _attachment = network.Attach(dispatcher);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _attachment?.Dispose();
        _attachment = null;
    }
}
