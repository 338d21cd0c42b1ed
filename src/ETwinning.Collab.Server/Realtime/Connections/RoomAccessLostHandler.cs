using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Takes the connections of accounts that lost a room out of the room's scopes on this node, so its groups stop
/// reaching them (leaving the room also takes them out of its session and lobby, through the rooms' observer).
/// </summary>
internal sealed class RoomAccessLostHandler(ConnectionRegistry connections) : NodeMessageHandler<RoomAccessLost>
{
    protected override ValueTask HandleAsync(RoomAccessLost message, NodeMessageContext context, CancellationToken cancellationToken) =>
        new(ApplyAsync(connections, message, cancellationToken));

    public static async Task ApplyAsync(ConnectionRegistry connections, RoomAccessLost message, CancellationToken cancellationToken)
    {
        var accounts = message.AccountIds.ToHashSet(StringComparer.Ordinal);
        ConnectionScope[] scopes =
        [
            ConnectionScope.RoomSession(message.TwinSpaceId, message.RoomId),
            ConnectionScope.Room(message.TwinSpaceId, message.RoomId),
            ConnectionScope.ChatChannel(message.TwinSpaceId, message.ChatChannelId),
        ];
        foreach (var scope in scopes)
            foreach (var member in connections.In(scope).Where(member => accounts.Contains(member.AccountId)))
                await connections.LeaveAsync(member.ConnectionId, scope, cancellationToken).ConfigureAwait(false);
    }
}
