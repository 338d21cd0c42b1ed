using System.Threading.Channels;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Delivers chat events over the hub without making the sender wait for it: the message is durable and
/// acknowledged already, and with Redis down a publish can hang until its timeout. Events queue per shard (a
/// channel always maps to the same shard, so its events keep their order); when a queue is full the oldest
/// events are dropped, and clients fill the gap by sequence.
/// </summary>
internal sealed partial class HubChatNotifier : IChatNotifier, IAsyncDisposable
{
    private readonly IHubContext<TwinSpaceHub, ITwinSpaceClient> _hub;
    private readonly ILogger<HubChatNotifier> _logger;
    private readonly Channel<Func<Task>>[] _shards;
    private readonly Task[] _loops;

    public HubChatNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, IOptions<ChatOptions> options, ILogger<HubChatNotifier> logger)
    {
        _hub = hub;
        _logger = logger;
        var capacity = Math.Max(1, options.Value.LiveQueueCapacity / Environment.ProcessorCount);
        _shards = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.DropOldest,
            }, _ => LogDropped()))
            .ToArray();
        _loops = _shards.Select(shard => Task.Run(() => DeliverAsync(shard))).ToArray();
    }

    public Task MessageAddedAsync(ChatMessageView message) =>
        Enqueue(message.TwinSpaceId, message.ChannelId, () => Group(message.TwinSpaceId, message.ChannelId).ChatMessageReceived(message));

    public Task MessageChangedAsync(ChatMessageView message) =>
        Enqueue(message.TwinSpaceId, message.ChannelId, () => Group(message.TwinSpaceId, message.ChannelId).ChatMessageChanged(message));

    public Task TypingAsync(ChatTypingEvent typing) =>
        Enqueue(typing.TwinSpaceId, typing.ChannelId, () => Group(typing.TwinSpaceId, typing.ChannelId).ChatTyping(typing));

    public Task ChannelAddedAsync(ChatChannelView channel, IReadOnlyList<string> accountIds) =>
        Enqueue(channel.TwinSpaceId, channel.Id, () => _hub.Clients.Users(accountIds).ChatChannelAdded(channel));

    public async ValueTask DisposeAsync()
    {
        foreach (var shard in _shards) shard.Writer.TryComplete();
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { /* Shutting down with Redis unreachable: what is queued is recovered by sequence. */ }
    }

    private ITwinSpaceClient Group(string twinSpaceId, string channelId) => _hub.Clients.Group(GroupNames.ChatChannel(twinSpaceId, channelId));

    private Task Enqueue(string twinSpaceId, string channelId, Func<Task> send)
    {
        var shard = (uint)HashCode.Combine(twinSpaceId, channelId) % (uint)_shards.Length;
        _shards[shard].Writer.TryWrite(send);
        return Task.CompletedTask;
    }

    private async Task DeliverAsync(Channel<Func<Task>> shard)
    {
        await foreach (var send in shard.Reader.ReadAllAsync())
        {
            try { await send(); }
            catch (Exception error) { LogDeliveryFailed(error); }
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "A live chat event could not be delivered; clients recover it by sequence")]
    private partial void LogDeliveryFailed(Exception error);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "The live chat queue is full; the oldest event was dropped")]
    private partial void LogDropped();
}
