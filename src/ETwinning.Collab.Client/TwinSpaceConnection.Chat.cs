using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    private readonly HashSet<(string TwinSpaceId, string ChannelId)> _openChannels = [];

    /// <summary>A new message in an opened channel.</summary>
    public event Action<ChatMessageView>? ChatMessageReceived;

    /// <summary>A message in an opened channel was edited, deleted, hidden, approved or got reactions.</summary>
    public event Action<ChatMessageView>? ChatMessageChanged;

    /// <summary>Someone types in an opened channel.</summary>
    public event Action<ChatTypingEvent>? ChatTyping;

    /// <summary>A channel this account can see was created.</summary>
    public event Action<ChatChannelView>? ChatChannelAdded;

    /// <summary>
    /// Opened channels were opened again after a reconnect; handlers should now recover what they missed with
    /// <see cref="RecoverChatAsync"/> from the last sequence they hold.
    /// </summary>
    public event Action<IReadOnlyList<(string TwinSpaceId, string ChannelId)>>? ChatChannelsReopened;

    /// <summary>The channels the caller can read, with unread counts.</summary>
    public Task<IReadOnlyList<ChatChannelView>> ListChatChannelsAsync(string twinSpaceId) =>
        InvokeAsync<IReadOnlyList<ChatChannelView>>("ListChatChannels", twinSpaceId);

    /// <summary>Opens a channel for live events; remembered and opened again after reconnects.</summary>
    public async Task<ChatChannelView> OpenChatChannelAsync(string twinSpaceId, string channelId)
    {
        var channel = await InvokeAsync<ChatChannelView>("OpenChatChannel", twinSpaceId, channelId).ConfigureAwait(false);
        lock (_gate) _openChannels.Add((twinSpaceId, channelId));
        return channel;
    }

    /// <summary>Stops live events of a channel.</summary>
    public async Task CloseChatChannelAsync(string twinSpaceId, string channelId)
    {
        lock (_gate) _openChannels.Remove((twinSpaceId, channelId));
        await InvokeAsync("CloseChatChannel", twinSpaceId, channelId).ConfigureAwait(false);
    }

    /// <summary>Creates a breakout channel (teachers).</summary>
    public Task<ChatChannelView> CreateBreakoutChannelAsync(string twinSpaceId, string title, params string[] memberIds) =>
        InvokeAsync<ChatChannelView>("CreateBreakoutChannel", twinSpaceId, new CreateBreakoutChannelRequest(title, memberIds));

    /// <summary>The direct channel with another teacher (teachers only).</summary>
    public Task<ChatChannelView> OpenDirectChannelAsync(string twinSpaceId, string accountId) =>
        InvokeAsync<ChatChannelView>("OpenDirectChannel", twinSpaceId, accountId);

    /// <summary>Sends a message; completes when it is durable. Retrying with the same client id never duplicates it.</summary>
    public Task<SendChatMessageResult> SendChatMessageAsync(string twinSpaceId, string channelId, string clientMessageId, string text) =>
        InvokeAsync<SendChatMessageResult>("SendChatMessage", twinSpaceId, new SendChatMessageRequest(channelId, clientMessageId, text));

    /// <summary>A page of history before a sequence (the newest page when null), ascending.</summary>
    public Task<ChatHistoryPage> GetChatHistoryAsync(string twinSpaceId, string channelId, long? beforeSequence = null, int? limit = null) =>
        InvokeAsync<ChatHistoryPage>("GetChatHistory", twinSpaceId, channelId, beforeSequence, limit);

    /// <summary>One page of the messages after a sequence.</summary>
    public Task<ChatRecoveryPage> GetChatMessagesSinceAsync(string twinSpaceId, string channelId, long afterSequence, int? limit = null) =>
        InvokeAsync<ChatRecoveryPage>("GetChatMessagesSince", twinSpaceId, channelId, afterSequence, limit);

    /// <summary>
    /// Every message after <paramref name="afterSequence"/>, in order, paging until caught up. Null when the gap
    /// is too large and the caller should reload the latest history page instead.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessageView>?> RecoverChatAsync(string twinSpaceId, string channelId, long afterSequence) =>
        (await CatchUpChatAsync(twinSpaceId, channelId, afterSequence).ConfigureAwait(false))?.Messages;

    /// <summary>
    /// What a client missed since it held messages up to <paramref name="afterSequence"/>: every newer message in
    /// order (paging until caught up) and the current state of messages that changed meanwhile (edited, deleted,
    /// hidden, approved, reacted to): apply them after the new ones, replacing by sequence. Null when the gap is
    /// too large: reload the latest history page instead.
    /// </summary>
    public async Task<ChatCatchUp?> CatchUpChatAsync(string twinSpaceId, string channelId, long afterSequence)
    {
        var missed = new List<ChatMessageView>();
        // By sequence, the latest state seen: a later page can report a change to a message of an earlier one.
        var changed = new SortedDictionary<long, ChatMessageView>();
        while (true)
        {
            var page = await GetChatMessagesSinceAsync(twinSpaceId, channelId, afterSequence).ConfigureAwait(false);
            if (page.ReloadRequired) return null;
            foreach (var message in page.Changed) changed[message.Sequence] = message;
            missed.AddRange(page.Messages);
            if (page.Messages.Count > 0) afterSequence = page.Messages[^1].Sequence;
            if (!page.HasMore || page.Messages.Count == 0) return new ChatCatchUp(missed, [.. changed.Values]);
        }
    }

    /// <summary>Edits an own message within the edit window.</summary>
    public Task<ChatMessageView> EditChatMessageAsync(string twinSpaceId, string channelId, long sequence, string text) =>
        InvokeAsync<ChatMessageView>("EditChatMessage", twinSpaceId, channelId, sequence, text);

    /// <summary>Deletes an own message (members see a tombstone).</summary>
    public Task<ChatMessageView> DeleteChatMessageAsync(string twinSpaceId, string channelId, long sequence) =>
        InvokeAsync<ChatMessageView>("DeleteChatMessage", twinSpaceId, channelId, sequence);

    /// <summary>Adds or removes the caller's reaction.</summary>
    public Task<ChatMessageView> ReactToChatMessageAsync(string twinSpaceId, string channelId, long sequence, string emoji, bool add = true) =>
        InvokeAsync<ChatMessageView>("ReactToChatMessage", twinSpaceId, channelId, sequence, emoji, add);

    /// <summary>Tells the channel the caller is typing (throttled by the server).</summary>
    public Task SendChatTypingAsync(string twinSpaceId, string channelId) => InvokeAsync("SendChatTyping", twinSpaceId, channelId);

    /// <summary>Moves the caller's read marker.</summary>
    public Task<ChatChannelView> MarkChatReadAsync(string twinSpaceId, string channelId, long sequence) =>
        InvokeAsync<ChatChannelView>("MarkChatRead", twinSpaceId, channelId, sequence);

    /// <summary>Reports a message to the moderators.</summary>
    public Task<ReviewItemView> ReportChatMessageAsync(string twinSpaceId, string channelId, long sequence, string? reason) =>
        InvokeAsync<ReviewItemView>("ReportChatMessage", twinSpaceId, channelId, sequence, reason);

    /// <summary>Hides a message for members (moderators).</summary>
    public Task<ChatMessageView> HideChatMessageAsync(string twinSpaceId, string channelId, long sequence, string reason) =>
        InvokeAsync<ChatMessageView>("HideChatMessage", twinSpaceId, channelId, sequence, reason);

    /// <summary>A message with its full text and edit history (moderators).</summary>
    public Task<ChatMessageDetails> GetChatMessageDetailsAsync(string twinSpaceId, string channelId, long sequence) =>
        InvokeAsync<ChatMessageDetails>("GetChatMessageDetails", twinSpaceId, channelId, sequence);

    /// <summary>Mutes a member in a channel (moderators).</summary>
    public Task<MuteView> MuteChatMemberAsync(string twinSpaceId, string channelId, string accountId, int minutes, string reason) =>
        InvokeAsync<MuteView>("MuteChatMember", twinSpaceId, channelId, accountId, minutes, reason);

    /// <summary>Lifts a mute (moderators).</summary>
    public Task UnmuteChatMemberAsync(string twinSpaceId, string channelId, string accountId) =>
        InvokeAsync("UnmuteChatMember", twinSpaceId, channelId, accountId);

    /// <summary>Mutes in force in the TwinSpace's chat channels, ending soonest first (moderators).</summary>
    public Task<IReadOnlyList<MuteView>> GetChatMutesAsync(string twinSpaceId) =>
        InvokeAsync<IReadOnlyList<MuteView>>("GetChatMutes", twinSpaceId);

    /// <summary>Held and reported chat messages (moderators).</summary>
    public Task<IReadOnlyList<ReviewItemView>> GetChatReviewQueueAsync(string twinSpaceId, bool openOnly = true) =>
        InvokeAsync<IReadOnlyList<ReviewItemView>>("GetChatReviewQueue", twinSpaceId, openOnly);

    /// <summary>Approves or removes a review item (moderators).</summary>
    public Task<ReviewItemView> ResolveChatReviewAsync(string twinSpaceId, string itemId, ReviewDecision decision, string? reason = null) =>
        InvokeAsync<ReviewItemView>("ResolveChatReview", twinSpaceId, itemId, decision, reason);

    /// <summary>The TwinSpace's word list (moderators).</summary>
    public Task<IReadOnlyList<WordFilterRule>> GetChatWordListAsync(string twinSpaceId) =>
        InvokeAsync<IReadOnlyList<WordFilterRule>>("GetChatWordList", twinSpaceId);

    /// <summary>Replaces the TwinSpace's word list (moderators).</summary>
    public Task<IReadOnlyList<WordFilterRule>> SetChatWordListAsync(string twinSpaceId, params WordFilterRule[] rules) =>
        InvokeAsync<IReadOnlyList<WordFilterRule>>("SetChatWordList", twinSpaceId, rules);

    private void RegisterChatEvents()
    {
        Hub.On<ChatMessageView>(ChatEventNames.ChatMessageReceived, e => ChatMessageReceived?.Invoke(e));
        Hub.On<ChatMessageView>(ChatEventNames.ChatMessageChanged, e => ChatMessageChanged?.Invoke(e));
        Hub.On<ChatTypingEvent>(ChatEventNames.ChatTyping, e => ChatTyping?.Invoke(e));
        Hub.On<ChatChannelView>(ChatEventNames.ChatChannelAdded, e => ChatChannelAdded?.Invoke(e));
        Hub.Reconnected += ReopenChatChannelsAsync;
    }

    private async Task ReopenChatChannelsAsync(string? connectionId)
    {
        (string TwinSpaceId, string ChannelId)[] channels;
        lock (_gate) channels = [.. _openChannels];
        var reopened = new List<(string, string)>();
        foreach (var (twinSpaceId, channelId) in channels)
        {
            try
            {
                await InvokeAsync<ChatChannelView>("OpenChatChannel", twinSpaceId, channelId).ConfigureAwait(false);
                reopened.Add((twinSpaceId, channelId));
            }
            catch (CollabHubException) { lock (_gate) _openChannels.Remove((twinSpaceId, channelId)); }
        }
        ChatChannelsReopened?.Invoke(reopened);
    }
}
