namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>Channels, messages and read markers of one TwinSpace's chat.</summary>
public interface IChatStore
{
    ChatChannel? FindChannel(string twinSpaceId, string channelId);
    IReadOnlyList<ChatChannel> Channels(string twinSpaceId);
    /// <summary>Stores the channel unless one with its id exists; returns the stored one.</summary>
    Task<ChatChannel> AddChannelIfAbsentAsync(string twinSpaceId, ChatChannel channel);

    /// <summary>
    /// Stores a message with the channel's next sequence, assigned inside the write that stores it, so concurrent
    /// senders (on any node sharing the store) never get a duplicate or a gap. A message with the same
    /// (channel, author, client id) as a stored one is not stored again: the stored one comes back as a duplicate.
    /// The author's read marker moves to the new message in the same write.
    /// </summary>
    Task<ChatAppendResult> AppendAsync(string twinSpaceId, ChatMessage draft);

    ChatMessage? FindMessage(string twinSpaceId, string channelId, long sequence);
    /// <summary>Read-modify-write of one message inside one write; <paramref name="change"/> may throw to refuse.</summary>
    Task<ChatMessage> UpdateMessageAsync(string twinSpaceId, string channelId, long sequence, Func<ChatMessage, ChatMessage> change);

    /// <summary>Up to <paramref name="limit"/> messages below <paramref name="beforeSequence"/>, ascending.</summary>
    IReadOnlyList<ChatMessage> Before(string twinSpaceId, string channelId, long beforeSequence, int limit);
    /// <summary>Up to <paramref name="limit"/> messages above <paramref name="afterSequence"/>, ascending.</summary>
    IReadOnlyList<ChatMessage> After(string twinSpaceId, string channelId, long afterSequence, int limit);

    /// <summary>
    /// Messages up to <paramref name="afterSequence"/> that changed after that message was stored, in their current
    /// state; null when the TwinSpace's chat had more than <paramref name="maxChanges"/> changes since (too many to replay).
    /// </summary>
    IReadOnlyList<ChatMessage>? ChangedSince(string twinSpaceId, string channelId, long afterSequence, int maxChanges);

    /// <summary>
    /// Held messages whose review item may not be written yet: the write that stores a message as held (a send, or
    /// an edit that holds it) records a pending hold in the same transaction; see <see cref="ChatHolds"/>.
    /// </summary>
    IReadOnlyList<ChatMessage> PendingHolds(string twinSpaceId);
    Task ClearPendingHoldAsync(string twinSpaceId, string channelId, long sequence);

    /// <summary>channel id -> last sequence the account has read.</summary>
    IReadOnlyDictionary<string, long> ReadMarkers(string twinSpaceId, string accountId);
    /// <summary>Moves the marker forward only; returns the marker now stored.</summary>
    Task<long> AdvanceReadMarkerAsync(string twinSpaceId, string channelId, string accountId, long sequence);
}
