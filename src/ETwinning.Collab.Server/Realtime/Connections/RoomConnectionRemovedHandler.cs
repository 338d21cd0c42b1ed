using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>Takes a removed participant's connection out of the session scope, if this node holds it.</summary>
internal sealed class RoomConnectionRemovedHandler(ConnectionRegistry connections) : NodeMessageHandler<RoomConnectionRemoved>
{
    protected override ValueTask HandleAsync(RoomConnectionRemoved message, NodeMessageContext context, CancellationToken cancellationToken) =>
        new(ApplyAsync(connections, message, cancellationToken));

    public static Task ApplyAsync(ConnectionRegistry connections, RoomConnectionRemoved message, CancellationToken cancellationToken)
    {
        var scope = ConnectionScope.RoomSession(message.TwinSpaceId, message.RoomId);
        // Only the node holding the connection has it in the scope; elsewhere there is nothing to undo.
        return connections.Holds(message.ConnectionId, scope) ? connections.LeaveAsync(message.ConnectionId, scope, cancellationToken) : Task.CompletedTask;
    }
}
