using ETwinning.Collab.Server.Infrastructure.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ETwinning.Collab.Server.Tests.Nodes;

public sealed class InMemoryNodeBusTests
{
    [Fact]
    public async Task A_message_reaches_every_other_node_typed_and_never_its_sender()
    {
        var network = new InMemoryNodeNetwork();
        var (busA, seenByA) = Node(network);
        var (_, seenByB) = Node(network);
        var (_, seenByC) = Node(network);

        await busA.PublishAsync(new Greeting("hello", [1, 2, 3]));

        Assert.Empty(seenByA.Messages);
        foreach (var seen in new[] { seenByB, seenByC })
        {
            var (message, from) = Assert.Single(seen.Messages);
            Assert.Equal("hello", message.Text);
            Assert.Equal([1, 2, 3], message.Bytes);
            Assert.Equal(busA.NodeId, from);
        }
    }

    [Fact]
    public async Task A_lone_node_publishes_into_nothing()
    {
        var network = new InMemoryNodeNetwork();
        var (bus, seen) = Node(network);
        Assert.False(network.HasSeveralNodes);
        await bus.PublishAsync(new Greeting("anyone?", []));
        Assert.Empty(seen.Messages);
    }

    [Fact]
    public async Task Malformed_envelopes_and_unknown_types_are_dropped_and_a_failing_handler_does_not_stop_the_others()
    {
        var network = new InMemoryNodeNetwork();
        var (bus, _) = Node(network);
        var seen = new RecordingHandler();
        var receiver = new NodeMessageDispatcher(new NodeIdentity(), [new FailingHandler(), seen], NullLogger<NodeMessageDispatcher>.Instance);
        using var attached = network.Attach(receiver);

        await receiver.DispatchAsync(new byte[] { 200, 1 }, CancellationToken.None);
        await receiver.DispatchAsync(new byte[] { 8, (byte)'G', (byte)'r', (byte)'e', (byte)'e', (byte)'t', (byte)'i', (byte)'n', (byte)'g', 1, (byte)'x', (byte)'{' }, CancellationToken.None);
        await bus.PublishAsync(new Unrelated(7));
        await bus.PublishAsync(new Greeting("still here", []));

        Assert.Equal("still here", Assert.Single(seen.Messages).Message.Text);
    }

    private static (INodeBus Bus, RecordingHandler Seen) Node(InMemoryNodeNetwork network)
    {
        var identity = new NodeIdentity();
        var seen = new RecordingHandler();
        var dispatcher = new NodeMessageDispatcher(identity, [seen], NullLogger<NodeMessageDispatcher>.Instance);
        network.Attach(dispatcher);
        return (new InMemoryNodeBus(identity, network, TimeProvider.System), seen);
    }

    public sealed record Greeting(string Text, byte[] Bytes);

    public sealed record Unrelated(int Number);

    private sealed class RecordingHandler : NodeMessageHandler<Greeting>
    {
        public List<(Greeting Message, string From)> Messages { get; } = [];

        protected override ValueTask HandleAsync(Greeting message, NodeMessageContext context, CancellationToken cancellationToken)
        {
            Messages.Add((message, context.FromNodeId));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FailingHandler : NodeMessageHandler<Greeting>
    {
        protected override ValueTask HandleAsync(Greeting message, NodeMessageContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A handler that breaks.");
    }
}
