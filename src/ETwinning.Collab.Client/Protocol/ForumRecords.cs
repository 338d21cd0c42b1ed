namespace ETwinning.Collab.Client.Protocol;

/// <summary>
/// A forum discussion: the top level, opened by teacher administrators. <see cref="RoomId"/> is set when the
/// discussion belongs to a room's own forum; TwinSpace-wide discussions have none.
/// </summary>
public sealed record ForumDiscussionView(
    string Id, string Title, string DescriptionHtml, string? RoomId, string CreatedBy, string CreatedByName, DateTime CreatedAt,
    int ThreadCount, DateTime LastActivityAt);

/// <summary>
/// A thread in a discussion, as one member sees it. <see cref="LastReadNumber"/> is the highest post number the
/// member had read before this answer (0: never opened), so posts with a higher number are "new since your last
/// visit"; <see cref="UnreadCount"/> counts them. Events carry 0 for both (they are per member).
/// </summary>
public sealed record ForumThreadView(
    string Id, string DiscussionId, string Title, string AuthorId, string AuthorName, DateTime CreatedAt,
    bool Pinned, bool Locked, int ReplyCount, DateTime LastActivityAt, int LastPostNumber, long Version,
    int LastReadNumber, int UnreadCount);

/// <summary>
/// One post: number 1 opens the thread, the others are replies. <see cref="BodyHtml"/> is sanitized on the server
/// and may be inserted as HTML; it is empty when the viewer may not see the content (hidden, deleted, held).
/// <see cref="Source"/> (the Markdown) is given to the author and to moderators only.
/// </summary>
public sealed record ForumPostView(
    string Id, string ThreadId, int Number, string AuthorId, string AuthorName, string BodyHtml, string? Source,
    ForumQuoteView? Quote, IReadOnlyList<string> AttachmentIds, DateTime CreatedAt, DateTime? EditedAt, int LikeCount,
    bool LikedByMe, ForumPostState State, string? ModerationNote, long Version);

/// <summary>
/// The post a reply quotes, resolved when read: <see cref="BodyHtml"/> (sanitized) is empty when the quoted post
/// was hidden, deleted or is held, so a quote never keeps moderated content alive.
/// </summary>
public sealed record ForumQuoteView(string PostId, int Number, string AuthorName, string BodyHtml);

/// <summary>A post's state; moderators see the content of every state, others only of <c>visible</c>.</summary>
public enum ForumPostState
{
    /// <summary>Shown to everyone.</summary>
    Visible,
    /// <summary>Hidden by a moderator, with a reason.</summary>
    Hidden,
    /// <summary>Deleted by its author or a moderator (kept for moderators: soft delete).</summary>
    Deleted,
    /// <summary>Held by the word filter until a moderator approves it; only the author and moderators see it.</summary>
    HeldForReview,
}

/// <summary>A page of a discussion's threads: pinned first, then by last activity.</summary>
public sealed record ForumDiscussionPage(ForumDiscussionView Discussion, IReadOnlyList<ForumThreadView> Threads, int TotalThreads, int Offset);

/// <summary>A page of a thread's posts in chronological order; <see cref="HasMore"/> when later posts exist.</summary>
public sealed record ForumThreadPage(ForumDiscussionView Discussion, ForumThreadView Thread, IReadOnlyList<ForumPostView> Posts, bool HasMore);

/// <summary>Posts of a thread changed (added, edited, liked, hidden, deleted) after a version: to catch up after a reconnect.</summary>
public sealed record ForumThreadChanges(ForumThreadView Thread, IReadOnlyList<ForumPostView> Posts, long Version, bool HasMore);

/// <summary>A previous version of a post, kept on every edit; moderators read them.</summary>
public sealed record ForumPostRevisionView(DateTime EditedAt, string EditedBy, string EditedByName, string Source, string BodyHtml);

/// <summary>Opens a discussion (optionally in a room's forum).</summary>
public sealed record CreateForumDiscussionRequest(string Title, string? Description, string? RoomId);

/// <summary>Starts a thread with its opening post.</summary>
public sealed record CreateForumThreadRequest(string DiscussionId, string Title, string Body, IReadOnlyList<string>? AttachmentIds);

/// <summary>Replies in a thread, optionally quoting one of its posts and attaching Materials by id.</summary>
public sealed record PostForumReplyRequest(string ThreadId, string Body, string? QuotedPostId, IReadOnlyList<string>? AttachmentIds);

/// <summary>Replaces a post's Markdown (and attachments); the previous version goes to the history.</summary>
public sealed record EditForumPostRequest(string PostId, string Body, IReadOnlyList<string>? AttachmentIds);

/// <summary>Threads from <see cref="Offset"/>, at most <see cref="Limit"/> (server default and maximum apply).</summary>
public sealed record ForumThreadQuery(int? Offset, int? Limit);

/// <summary>Posts with a number above <see cref="AfterNumber"/> (0 or null: from the start), at most <see cref="Limit"/>.</summary>
public sealed record ForumPostQuery(int? AfterNumber, int? Limit);
