namespace ETwinning.Collab.Client.Protocol;

/// <summary>What the word filter does with a text that contains a listed word.</summary>
public enum WordFilterAction
{
    /// <summary>Replace the word with asterisks and publish.</summary>
    Mask,
    /// <summary>Store, but show only to the author and moderators until a moderator approves it.</summary>
    HoldForReview,
    /// <summary>Refuse the text (<c>invalid</c>); nothing is stored.</summary>
    Block,
}

/// <summary>
/// One entry of a TwinSpace's word list. Matching ignores case and accents and respects word boundaries;
/// a trailing <c>*</c> also matches longer words (<c>stupid*</c> matches "stupidity").
/// </summary>
public sealed record WordFilterRule(string Word, WordFilterAction Action);

/// <summary>Why an item is in the review queue.</summary>
public enum ReviewReason
{
    /// <summary>The word filter held it.</summary>
    Held,
    /// <summary>A member reported it.</summary>
    Reported,
}

/// <summary>Where a review item stands.</summary>
public enum ReviewState
{
    /// <summary>Waiting for a moderator.</summary>
    Open,
    /// <summary>A moderator approved (or dismissed the report): the content stays or becomes visible.</summary>
    Approved,
    /// <summary>A moderator removed (hid) the content.</summary>
    Removed,
}

/// <summary>A moderator's decision on a review item.</summary>
public enum ReviewDecision
{
    /// <summary>Keep or publish the content.</summary>
    Approve,
    /// <summary>Hide the content.</summary>
    Remove,
}

/// <summary>
/// An item of the review queue: a piece of content of some kind (<c>chat.message</c>, <c>forum.post</c>, ...)
/// held by the word filter or reported by members.
/// </summary>
public sealed record ReviewItemView(
    string Id, string ContentKind, string ContainerId, string ContentId, string AuthorId, string AuthorName,
    string Excerpt, ReviewReason Reason, IReadOnlyList<string> Reports, ReviewState State, DateTime CreatedAt,
    string? ResolvedBy, DateTime? ResolvedAt);

/// <summary>A member muted in one place (a chat channel, a forum thread) until a time.</summary>
public sealed record MuteView(string Scope, string AccountId, DateTime Until, string Reason, string MutedBy);
