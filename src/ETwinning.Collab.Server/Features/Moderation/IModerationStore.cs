using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>
/// A TwinSpace's word list, review queue and mutes. Every write is atomic; reads see committed writes, except that
/// a mute may show a moment before its write commits (harmless: mutes are checked, not counted).
/// </summary>
public interface IModerationStore
{
    /// <summary>The stored rules in the order they were set; empty when none were.</summary>
    ValueTask<IReadOnlyList<WordFilterRule>> WordListAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole list.</summary>
    Task SetWordListAsync(string twinSpaceId, IReadOnlyList<WordFilterRule> rules, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="item"/> or, when the same content (<see cref="ReviewItem.ContentKey"/>) already has an open
    /// item, merges its reports into that one (a reporter counts once): inside one write, so concurrent reports of one
    /// piece of content make one item. Returns the stored item.
    /// </summary>
    Task<ReviewItem> AddOrMergeReviewItemAsync(string twinSpaceId, ReviewItem item, CancellationToken cancellationToken = default);

    ValueTask<ReviewItem?> FindReviewItemAsync(string twinSpaceId, string itemId, CancellationToken cancellationToken = default);

    ValueTask<bool> HasOpenReviewItemAsync(string twinSpaceId, string contentKey, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> items, oldest first, of one content kind (or all when null), open ones only if asked.</summary>
    ValueTask<IReadOnlyList<ReviewItem>> ReviewItemsAsync(
        string twinSpaceId, string? contentKind, bool openOnly, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-set on the item's state: stores <paramref name="resolved"/> if the stored item is still open; false
    /// (nothing written) if it was resolved already or does not exist. Of two concurrent resolutions one wins.
    /// </summary>
    Task<bool> TryResolveReviewItemAsync(string twinSpaceId, ReviewItem resolved, CancellationToken cancellationToken = default);

    /// <summary>Stores the mute, replacing the member's earlier mute in the same scope.</summary>
    Task SetMuteAsync(string twinSpaceId, Mute mute, CancellationToken cancellationToken = default);

    Task RemoveMuteAsync(string twinSpaceId, string scope, string accountId, CancellationToken cancellationToken = default);

    /// <summary>The stored mute, expired or not (the caller compares <see cref="Mute.Until"/>). On every chat send: cheap.</summary>
    ValueTask<Mute?> FindMuteAsync(string twinSpaceId, string scope, string accountId, CancellationToken cancellationToken = default);

    /// <summary>Every stored mute of the TwinSpace, expired ones included.</summary>
    ValueTask<IReadOnlyList<Mute>> MutesAsync(string twinSpaceId, CancellationToken cancellationToken = default);
}
