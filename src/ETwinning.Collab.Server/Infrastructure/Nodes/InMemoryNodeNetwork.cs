namespace ETwinning.Collab.Server.Infrastructure.Nodes;

/// <summary>
/// The nodes that share one process's memory. A lone server has a network of one, so its messages reach nobody,
/// which is right; tests can hand several hosts the same instance to run them as a cluster without Redis.
/// </summary>
public sealed class InMemoryNodeNetwork
{
    private readonly Lock _gate = new();
    private NodeMessageDispatcher[] _nodes = [];

    public IDisposable Attach(NodeMessageDispatcher node)
    {
        lock (_gate) _nodes = [.. _nodes, node];
        return new Detach(this, node);
    }

    /// <summary>False while at most one node is attached: then nothing needs to be encoded or delivered.</summary>
    public bool HasSeveralNodes => Volatile.Read(ref _nodes).Length > 1;

    /// <summary>Delivers to every attached node in publishing order; each node drops what it sent itself.</summary>
    public async Task DeliverAsync(byte[] envelope, CancellationToken cancellationToken)
    {
        foreach (var node in Volatile.Read(ref _nodes))
            await node.DispatchAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Detach(InMemoryNodeNetwork network, NodeMessageDispatcher node) : IDisposable
    {
        public void Dispose()
        {
            lock (network._gate) network._nodes = network._nodes.Where(n => n != node).ToArray();
        }
    }
}
