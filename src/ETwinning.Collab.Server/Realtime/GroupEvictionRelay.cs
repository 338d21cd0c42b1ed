using StackExchange.Redis;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>With Redis: listens for evictions published by any node and applies them to this node's connections.</summary>
internal sealed class GroupEvictionRelay(IConnectionMultiplexer redis, RedisChannelName channel, GroupEviction eviction, ILogger<GroupEvictionRelay> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(channel.Evict);
        queue.OnMessage(async message =>
        {
            var parts = ((string?)message.Message ?? "").Split('|');
            if (parts.Length != 2) return;
            try { await eviction.EvictLocalAsync(parts[0], parts[1].Length == 0 ? null : parts[1]); }
            catch (Exception error) { logger.LogWarning(error, "Applying a remote eviction failed"); }
        });
    }

    // Fire and forget: the subscription dies with the connection anyway, and a hung or dead Redis must not fail the shutdown.
    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(channel.Evict, flags: CommandFlags.FireAndForget);
}
