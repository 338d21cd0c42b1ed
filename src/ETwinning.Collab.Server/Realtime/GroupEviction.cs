using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Takes connections out of a TwinSpace's group when their account loses access, so a removed member stops
/// receiving that TwinSpace's events at once. With Redis, every node evicts its own connections: the request is
/// published on a channel that all nodes listen to (see <see cref="GroupEvictionRelay"/>).
/// </summary>
internal sealed class GroupEviction(
    IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, PresenceTracker presence, FeatureGroups featureGroups, IServiceProvider services)
{
    public const string ChannelSuffix = ":evict";

    /// <summary>Evicts on this node and asks the other nodes to do the same. A null account evicts everyone.</summary>
    public async Task EvictAsync(string twinSpaceId, string? accountId)
    {
        await EvictLocalAsync(twinSpaceId, accountId);
        if (services.GetService<IConnectionMultiplexer>() is { } redis && services.GetService<RedisChannelName>() is { } channel)
            await redis.GetSubscriber().PublishAsync(channel.Evict, $"{twinSpaceId}|{accountId}");
    }

    public async Task EvictLocalAsync(string twinSpaceId, string? accountId)
    {
        var targets = accountId is null
            ? presence.ConnectionsIn(twinSpaceId)
            : presence.ConnectionsOf(twinSpaceId, accountId).Select(c => (accountId, c)).ToList();
        foreach (var (account, connectionId) in targets)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, GroupNames.TwinSpace(twinSpaceId));
            if (presence.Leave(twinSpaceId, account, connectionId) && accountId is not null)
                await hub.Clients.Group(GroupNames.TwinSpace(twinSpaceId))
                    .PresenceChanged(new PresenceEvent(twinSpaceId, account, "", Online: false));
        }
        foreach (var (connectionId, group) in featureGroups.TakeAll(twinSpaceId, accountId))
            await hub.Groups.RemoveFromGroupAsync(connectionId, group);
    }
}

/// <summary>The Redis channel for cross-node evictions, named with the configured prefix.</summary>
internal sealed record RedisChannelName(RedisChannel Evict);
