namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Channels, messages and read markers of one TwinSpace's chat. Every write is atomic: what a method says happens
/// "in the same write" either all happens or none of it does. Reads see committed writes only.
/// </summary>
/// <remarks>
/// Two counters per channel carry recovery, both assigned inside the write that makes them, gap-free and unique
/// however many writers (on however many nodes) share the store:
/// <list type="bullet">
/// <item>the message sequence, 1, 2, 3... per channel, assigned by <see cref="AppendAsync"/>;</item>
/// <item>the change number, 1, 2, 3... per channel, assigned by every <see cref="TryReplaceMessageAsync"/> that
/// stores a new state of one of the channel's messages (<see cref="ChatMessage.LastChange"/>). A message records
/// the channel's newest change number when it was stored (<see cref="ChatMessage.StoredAfterChange"/>), so "changes
/// made after message N was stored" are the changes numbered above message N's <c>StoredAfterChange</c>.</item>
/// </list>
/// </remarks>
public interface IChatStore
{
    ValueTask<ChatChannel?> FindChannelAsync(string twinSpaceId, string channelId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<ChatChannel>> ChannelsAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>Stores the channel unless one with its id exists; returns the stored one (the first stored wins).</summary>
    Task<ChatChannel> AddChannelIfAbsentAsync(string twinSpaceId, ChatChannel channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the member list of a channel that lists its members (a room's channel follows the room's members);
    /// returns the stored channel, or null when there is no such channel. Messages and sequences are untouched.
    /// </summary>
    Task<ChatChannel?> SetChannelMembersAsync(string twinSpaceId, string channelId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a message with the channel's next sequence (<see cref="ChatMessage.Version"/> 1, and the channel's
    /// newest change number as <see cref="ChatMessage.StoredAfterChange"/>), assigned inside the write that stores it,
    /// so concurrent senders never get a duplicate or a gap. A message with the same (channel, author, client id) as
    /// one stored within the retry window (<see cref="ChatOptions.RetryWindowMessages"/>, the TwinSpace's latest
    /// messages) is not stored again: the stored one comes back, marked as a duplicate, unchanged.
    /// In the same write: the author's read marker moves to the new message (authors have read what they wrote), and
    /// a held message (<see cref="ChatMessage.Held"/>) records a pending hold (<see cref="PendingHoldsAsync"/>).
    /// Throws not_found when the channel does not exist.
    /// </summary>
    Task<ChatAppendResult> AppendAsync(string twinSpaceId, ChatMessage draft, CancellationToken cancellationToken = default);

    ValueTask<ChatMessage?> FindMessageAsync(string twinSpaceId, string channelId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-set: replaces the message (channel, sequence) with <paramref name="replacement"/> if its stored
    /// <see cref="ChatMessage.Version"/> is still <paramref name="expectedVersion"/>; returns the message now stored,
    /// or null when the version moved (or there is no such message), in which case nothing was written and the caller
    /// reads again. Only the message's content changes (text, edits, flags, reactions); its identity (channel,
    /// sequence, author, client id, sending time) stays as stored. In the same write the version goes up by one, the
    /// channel's next change number becomes the message's <see cref="ChatMessage.LastChange"/>, and a message that
    /// becomes held records a pending hold (<see cref="PendingHoldsAsync"/>).
    /// </summary>
    Task<ChatMessage?> TryReplaceMessageAsync(
        string twinSpaceId, ChatMessage replacement, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> messages below <paramref name="beforeSequence"/>, the newest of them, ascending.</summary>
    ValueTask<IReadOnlyList<ChatMessage>> BeforeAsync(
        string twinSpaceId, string channelId, long beforeSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> messages above <paramref name="afterSequence"/>, the oldest of them, ascending.</summary>
    ValueTask<IReadOnlyList<ChatMessage>> AfterAsync(
        string twinSpaceId, string channelId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Messages with a sequence up to <paramref name="afterSequence"/> changed after that message was stored (their
    /// <see cref="ChatMessage.LastChange"/> is above its <see cref="ChatMessage.StoredAfterChange"/>), in their
    /// current state, ascending by sequence; each at most once however often it changed. Empty when there is no
    /// message <paramref name="afterSequence"/>. Null when the channel had more than <paramref name="maxChanges"/>
    /// changes since (too many to replay: the client reloads).
    /// </summary>
    ValueTask<IReadOnlyList<ChatMessage>?> ChangedSinceAsync(
        string twinSpaceId, string channelId, long afterSequence, int maxChanges, CancellationToken cancellationToken = default);

    /// <summary>
    /// Held messages whose review item may not be written yet: the write that stores a message as held (an append, or
    /// a replacement that holds it) records a pending hold in the same write; see <see cref="ChatHolds"/>. Current
    /// state of each message, in no particular order.
    /// </summary>
    ValueTask<IReadOnlyList<ChatMessage>> PendingHoldsAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the pending hold of the message (its review item is written); nothing happens if it has none.</summary>
    Task ClearPendingHoldAsync(string twinSpaceId, string channelId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>channel id -> last sequence the account has read; channels never read are absent.</summary>
    ValueTask<IReadOnlyDictionary<string, long>> ReadMarkersAsync(
        string twinSpaceId, string accountId, CancellationToken cancellationToken = default);

    /// <summary>Moves the marker forward only (a lower sequence leaves it as it is); returns the marker now stored.</summary>
    Task<long> AdvanceReadMarkerAsync(
        string twinSpaceId, string channelId, string accountId, long sequence, CancellationToken cancellationToken = default);
}
