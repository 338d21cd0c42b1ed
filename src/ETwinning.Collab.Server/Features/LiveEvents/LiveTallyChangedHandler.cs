using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Another node counted votes: this node's coalescer sends the tally to this node's connections.</summary>
internal sealed class LiveTallyChangedHandler(LiveTallyCoalescer tallies) : NodeMessageHandler<LiveTallyChanged>
{
    protected override ValueTask HandleAsync(LiveTallyChanged message, NodeMessageContext context, CancellationToken cancellationToken)
    {
        tallies.ChangedElsewhere(message.TwinSpaceId, message.EventId, message.PollId);
        return ValueTask.CompletedTask;
    }
}
