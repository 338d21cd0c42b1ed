using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>Subscriptions live on the node of the subscriber's connection, so each node ends its own.</summary>
internal sealed class RoomBreakoutsChangedHandler(IRoomSessionStates states, RoomMediaService media) : NodeMessageHandler<RoomBreakoutsChanged>
{
    protected override async ValueTask HandleAsync(RoomBreakoutsChanged message, NodeMessageContext context, CancellationToken cancellationToken)
    {
        // The stored state, not the message, says who is in which group now (a later change may have overtaken this one).
        if (await states.FindAsync(message.TwinSpaceId, message.RoomId, cancellationToken).ConfigureAwait(false) is { } session)
            await media.EndSubscriptionsAcrossGroupsHereAsync(session, cancellationToken).ConfigureAwait(false);
    }
}
