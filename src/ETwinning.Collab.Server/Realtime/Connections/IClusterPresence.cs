using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Presence over every node: <see cref="PresenceObserver"/> reports an account's first and last connection on this
/// node, and learns whether that changed the account's presence in the cluster (only then is it announced). In memory
/// for one node (<see cref="InMemoryPresence"/>), in Redis for several (<see cref="RedisPresence"/>).
/// </summary>
public interface IClusterPresence : IPresence
{
    /// <summary>This node's first connection of the account joined the TwinSpace; true when no other node had one.</summary>
    ValueTask<bool> ArrivedAsync(string twinSpaceId, ConnectionMember member, CancellationToken cancellationToken = default);

    /// <summary>This node's last connection of the account left the TwinSpace; true when no other node has one.</summary>
    ValueTask<bool> DepartedAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default);
}
