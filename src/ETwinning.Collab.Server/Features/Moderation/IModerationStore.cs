using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Moderation;

public interface IModerationStore
{
    IReadOnlyList<WordFilterRule> WordList(string twinSpaceId);
    Task SetWordListAsync(string twinSpaceId, IReadOnlyList<WordFilterRule> rules);

    /// <summary>
    /// Adds <paramref name="item"/> or, when the same content already has an open item, merges into it (inside
    /// one write, so two reports at once make one item). Returns the stored item.
    /// </summary>
    Task<ReviewItem> AddOrMergeReviewItemAsync(string twinSpaceId, ReviewItem item);
    ReviewItem? FindReviewItem(string twinSpaceId, string itemId);
    bool HasOpenReviewItem(string twinSpaceId, string contentKey);
    /// <summary>Oldest first.</summary>
    IReadOnlyList<ReviewItem> ReviewItems(string twinSpaceId, string? contentKind, bool openOnly, int limit);
    /// <summary>Moves an open item to <paramref name="resolved"/>'s state; false if it was resolved already.</summary>
    Task<bool> TryResolveReviewItemAsync(string twinSpaceId, ReviewItem resolved);

    Task SetMuteAsync(string twinSpaceId, Mute mute);
    Task RemoveMuteAsync(string twinSpaceId, string scope, string accountId);
    Mute? FindMute(string twinSpaceId, string scope, string accountId);
    /// <summary>Every stored mute of the TwinSpace, expired ones included.</summary>
    IReadOnlyList<Mute> Mutes(string twinSpaceId);
}
