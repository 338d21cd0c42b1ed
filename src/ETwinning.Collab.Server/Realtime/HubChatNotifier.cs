using System.Globalization;
using System.Threading.Channels;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Delivers chat events over the hub without making the sender wait for it: the message is durable and
/// acknowledged already, and with Redis down a publish can hang until its timeout. Events queue per shard (a
/// channel always maps to the same shard, so its events keep their order); when a queue is full the oldest
/// events are dropped, and clients fill the gap by sequence. A public event's chat also has outsiders, who are not in the
/// channel's group but in one group per language, and get each event with pupils named as <see cref="PublicLiveEventNames"/>
/// allows: members keep the names they see everywhere else in their TwinSpace, and no pupil's name reaches an outsider.
/// </summary>
internal sealed partial class HubChatNotifier : IChatNotifier, IAsyncDisposable
{
    private readonly IHubContext<TwinSpaceHub, ITwinSpaceClient> _hub;
    private readonly ILogger<HubChatNotifier> _logger;
    private readonly PublicLiveEventNames _names;
    private readonly Channel<Func<Task>>[] _shards;
    private readonly Task[] _loops;

    public HubChatNotifier(
        IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, IOptions<ChatOptions> options, PublicLiveEventNames names, ILogger<HubChatNotifier> logger)
    {
        _hub = hub;
        _names = names;
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
        Enqueue(message.TwinSpaceId, message.ChannelId, async () =>
        {
            await Group(message.TwinSpaceId, message.ChannelId).ChatMessageReceived(message).ConfigureAwait(false);
            await ToOutsidersAsync(message.TwinSpaceId, message.ChannelId,
                async (group, culture) => await group.ChatMessageReceived(await _names.ForOutsiderAsync(message, culture).ConfigureAwait(false)).ConfigureAwait(false))
                .ConfigureAwait(false);
        });

    public Task MessageChangedAsync(ChatMessageView message) =>
        Enqueue(message.TwinSpaceId, message.ChannelId, async () =>
        {
            await Group(message.TwinSpaceId, message.ChannelId).ChatMessageChanged(message).ConfigureAwait(false);
            await ToOutsidersAsync(message.TwinSpaceId, message.ChannelId,
                async (group, culture) => await group.ChatMessageChanged(await _names.ForOutsiderAsync(message, culture).ConfigureAwait(false)).ConfigureAwait(false))
                .ConfigureAwait(false);
        });

    public Task TypingAsync(ChatTypingEvent typing) =>
        Enqueue(typing.TwinSpaceId, typing.ChannelId, async () =>
        {
            await Group(typing.TwinSpaceId, typing.ChannelId).ChatTyping(typing).ConfigureAwait(false);
            await ToOutsidersAsync(typing.TwinSpaceId, typing.ChannelId,
                async (group, culture) => await group.ChatTyping(await _names.ForOutsiderAsync(typing, culture).ConfigureAwait(false)).ConfigureAwait(false))
                .ConfigureAwait(false);
        });

    public Task ChannelAddedAsync(ChatChannelView channel, IReadOnlyList<string> accountIds) =>
        Enqueue(channel.TwinSpaceId, channel.Id, () => _hub.Clients.Users(accountIds).ChatChannelAdded(channel));

    public async ValueTask DisposeAsync()
    {
        foreach (var shard in _shards) shard.Writer.TryComplete();
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { /* Shutting down with Redis unreachable: what is queued is recovered by sequence. */ }
    }

    private ITwinSpaceClient Group(string twinSpaceId, string channelId) => _hub.Clients.Group(GroupNames.ChatChannel(twinSpaceId, channelId));

    /// <summary>Sends to each language's outsiders' group of a public event's chat; other channels have no outsiders.</summary>
    private async Task ToOutsidersAsync(string twinSpaceId, string channelId, Func<ITwinSpaceClient, CultureInfo, Task> send)
    {
        if (!await _names.IsPublicChatAsync(twinSpaceId, channelId).ConfigureAwait(false)) return;
        foreach (var language in ServerMessages.Languages)
            await send(_hub.Clients.Group(GroupNames.OutsiderChatChannel(twinSpaceId, channelId, language)), CultureInfo.GetCultureInfo(language))
                .ConfigureAwait(false);
    }

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
