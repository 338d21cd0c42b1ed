using System.Buffers.Binary;
using System.Text;
using ETwinning.Collab.Server.Features.Pages;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// With Redis: publishes this node's page updates and awareness on one channel and applies other nodes' messages
/// to this node's loaded pages (clients are reached by the backplane; this keeps the nodes' documents current).
/// Message: kind (1 byte), node id (16 bytes), sequence (8 bytes), twinSpaceId and pageId (length-prefixed ASCII), payload.
/// </summary>
internal sealed class RedisPageRelay(IConnectionMultiplexer redis, RedisPageChannel channel, IServiceProvider services, ILogger<RedisPageRelay> logger)
    : IPageRelay, IHostedService
{
    private const byte UpdateKind = 1;
    private const byte AwarenessKind = 2;
    private readonly Guid _node = Guid.NewGuid();

    public Task PublishUpdateAsync(string twinSpaceId, string pageId, long sequence, byte[] update) =>
        PublishAsync(UpdateKind, twinSpaceId, pageId, sequence, update);

    public Task PublishAwarenessAsync(string twinSpaceId, string pageId, byte[] awareness) =>
        PublishAsync(AwarenessKind, twinSpaceId, pageId, 0, awareness);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(channel.Name);
        queue.OnMessage(message =>
        {
            try { Receive((byte[])message.Message!); }
            catch (Exception error) { logger.LogWarning(error, "Applying a page message from another node failed"); }
        });
    }

    // Fire and forget: the subscription dies with the connection anyway, and a hung or dead Redis must not fail the shutdown.
    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(channel.Name, flags: CommandFlags.FireAndForget);

    private async Task PublishAsync(byte kind, string twinSpaceId, string pageId, long sequence, byte[] payload)
    {
        var ts = Encoding.ASCII.GetBytes(twinSpaceId);
        var page = Encoding.ASCII.GetBytes(pageId);
        var message = new byte[1 + 16 + 8 + 1 + ts.Length + 1 + page.Length + payload.Length];
        message[0] = kind;
        _node.TryWriteBytes(message.AsSpan(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(17, 8), sequence);
        var offset = 25;
        foreach (var part in new[] { ts, page })
        {
            message[offset++] = (byte)part.Length;
            part.CopyTo(message, offset);
            offset += part.Length;
        }
        payload.CopyTo(message, offset);
        try { await redis.GetSubscriber().PublishAsync(channel.Name, message); }
        // Redis down: the update is durable and clients re-sync with their state vector; the other node reloads from the store.
        catch (RedisException error) { logger.LogWarning(error, "Publishing a page message failed"); }
    }

    private void Receive(byte[] message)
    {
        if (message.Length < 27 || new Guid(message.AsSpan(1, 16)) == _node) return;
        var sequence = BinaryPrimitives.ReadInt64BigEndian(message.AsSpan(17, 8));
        var offset = 25;
        var ids = new string[2];
        for (var i = 0; i < 2; i++)
        {
            int length = message[offset++];
            ids[i] = Encoding.ASCII.GetString(message, offset, length);
            offset += length;
        }
        var payload = message[offset..];
        var pages = services.GetRequiredService<LivePageService>();
        if (message[0] == UpdateKind) pages.ApplyRemoteUpdate(ids[0], ids[1], sequence, payload);
        else if (message[0] == AwarenessKind) pages.ApplyRemoteAwareness(ids[0], ids[1], payload);
    }
}

/// <summary>The Redis channel for page messages between nodes, named with the configured prefix.</summary>
internal sealed record RedisPageChannel(RedisChannel Name);
