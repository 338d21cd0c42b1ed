using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Takes the connections of accounts that lost a room out of the room's scopes on this node, so its groups stop
/// reaching them (leaving the room also takes them out of its session and lobby, through the rooms' observer): the
/// room, its session, its chat channel, and the discussions and threads of its forum they have open.
/// </summary>
internal sealed class RoomAccessLostHandler(ConnectionRegistry connections, IForumStore forums) : NodeMessageHandler<RoomAccessLost>
{
    protected override ValueTask HandleAsync(RoomAccessLost message, NodeMessageContext context, CancellationToken cancellationToken) =>
        new(ApplyAsync(connections, forums, message, cancellationToken));

    public static async Task ApplyAsync(ConnectionRegistry connections, IForumStore forums, RoomAccessLost message, CancellationToken cancellationToken)
    {
        var accounts = message.AccountIds.ToHashSet(StringComparer.Ordinal);
        async Task LeaveAsync(ConnectionScope scope)
        {
            foreach (var member in connections.In(scope).Where(member => accounts.Contains(member.AccountId)))
                await connections.LeaveAsync(member.ConnectionId, scope, cancellationToken).ConfigureAwait(false);
        }

        await LeaveAsync(ConnectionScope.RoomSession(message.TwinSpaceId, message.RoomId)).ConfigureAwait(false);
        await LeaveAsync(ConnectionScope.Room(message.TwinSpaceId, message.RoomId)).ConfigureAwait(false);
        await LeaveAsync(ConnectionScope.ChatChannel(message.TwinSpaceId, message.ChatChannelId)).ConfigureAwait(false);

        // The registry knows forum scopes by discussion and thread id only: which belong to the room, the forum says.
        var discussions = (await forums.DiscussionsAsync(message.TwinSpaceId, message.RoomId, cancellationToken).ConfigureAwait(false))
            .Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        if (discussions.Count == 0) return;
        foreach (var scope in connections.ScopesHere(ScopeKind.ForumDiscussion).Where(s => s.TwinSpaceId == message.TwinSpaceId && discussions.Contains(s.ResourceId)))
            await LeaveAsync(scope).ConfigureAwait(false);
        foreach (var scope in connections.ScopesHere(ScopeKind.ForumThread).Where(s => s.TwinSpaceId == message.TwinSpaceId))
        {
            if (!connections.In(scope).Any(member => accounts.Contains(member.AccountId))) continue;
            if (await forums.FindThreadAsync(message.TwinSpaceId, scope.ResourceId, cancellationToken).ConfigureAwait(false) is { } thread
                && discussions.Contains(thread.DiscussionId))
                await LeaveAsync(scope).ConfigureAwait(false);
        }
    }
}
