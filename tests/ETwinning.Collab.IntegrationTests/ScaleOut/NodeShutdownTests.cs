using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.ScaleOut;

/// <summary>
/// A node must stop cleanly whatever state Redis is in: its cross-node subscriptions die with the connection anyway.
/// CI once failed ChatScaleOutTests in CollabServer.DisposeAsync with a RedisConnectionException from the host's
/// StopAsync: the relays' StopAsync awaited an UNSUBSCRIBE reply from a Redis that had just been killed. Whether that
/// happens depends on whether the node noticed the death before it asked; a hung Redis makes it happen every time.
/// </summary>
public sealed class NodeShutdownTests
{
    [Fact]
    public async Task The_host_stops_cleanly_while_redis_hangs()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var node = await CollabServer.StartAsync(redis: redis.ConnectionString);
        await redis.FreezeAsync();

        var failure = await Record.ExceptionAsync(node.StopAsync);

        // SignalR's own Redis backplane unsubscribes synchronously when the container is disposed: let Redis answer it.
        await redis.ThawAsync();
        Assert.Null(failure);
    }

    [Fact]
    public async Task A_node_stops_cleanly_right_after_redis_died()
    {
        var redis = await RedisServer.StartAsync();
        var node = await CollabServer.StartAsync(redis: redis.ConnectionString);
        await redis.KillAsync();

        Assert.Null(await Record.ExceptionAsync(() => node.DisposeAsync().AsTask()));
        await redis.DisposeAsync();
    }
}
