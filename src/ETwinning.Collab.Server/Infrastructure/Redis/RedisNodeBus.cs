using ETwinning.Collab.Server.Infrastructure.Nodes;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Infrastructure.Redis;

/// <summary>
/// The node bus over Redis pub/sub: one channel, <c>&lt;ChannelPrefix&gt;:nodes</c>, for every message type, so
/// messages from one node arrive in the order it sent them. Redis down: publishing logs and carries on (the
/// durable stores and "since N" recovery cover what was missed).
/// </summary>
internal sealed partial class RedisNodeBus(IConnectionMultiplexer redis, NodeIdentity node, RedisOptions options, TimeProvider clock, ILogger<RedisNodeBus> logger) : INodeBus
{
    private readonly RedisChannel _channel = ChannelOf(options);

    public string NodeId => node.Id;

    public static RedisChannel ChannelOf(RedisOptions options) => RedisChannel.Literal(options.ChannelPrefix + ":nodes");

    public async Task PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default) where TMessage : class
    {
        try { await redis.GetSubscriber().PublishAsync(_channel, NodeEnvelope.Encode(node.Id, message, clock.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false); }
        catch (RedisException error) { LogPublishFailed(error, NodeEnvelope.NameOf(typeof(TMessage))); }
    }

    [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "Publishing a {Name} to the other nodes failed")]
    private partial void LogPublishFailed(Exception error, string name);
}

/// <summary>Listens on the nodes channel while the host runs and hands messages to this node's dispatcher.</summary>
internal sealed class RedisNodeSubscription(IConnectionMultiplexer redis, RedisOptions options, NodeMessageDispatcher dispatcher) : IHostedService
{
    private readonly RedisChannel _channel = RedisNodeBus.ChannelOf(options);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Sequential processing keeps each sender's order (page updates rely on it only for efficiency, evictions not at all).
        var queue = await redis.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
        queue.OnMessage(message => dispatcher.DispatchAsync((byte[])message.Message!, CancellationToken.None));
    }

    /// <summary>Fire and forget: a node stopping while Redis is down or hanging must not wait for it to answer.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.GetSubscriber().Unsubscribe(_channel, flags: CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }
}
