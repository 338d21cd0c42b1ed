namespace ETwinning.Collab.Client.Protocol;

/// <summary>A discussion was opened: sent to the whole TwinSpace.</summary>
public sealed record ForumDiscussionEvent(string TwinSpaceId, ForumDiscussionView Discussion);

/// <summary>
/// A thread was started (sent to the whole TwinSpace and the discussion's viewers) or changed: pinned, locked,
/// new activity, deleted (sent to the discussion's and the thread's viewers).
/// </summary>
public sealed record ForumThreadEvent(string TwinSpaceId, ForumThreadView Thread, bool Deleted);

/// <summary>A post was added, edited, hidden, shown again or deleted: sent to the thread's viewers, as everyone may see it.</summary>
public sealed record ForumPostEvent(string TwinSpaceId, string DiscussionId, ForumPostView Post);

/// <summary>A post's likes changed: sent to the thread's viewers.</summary>
public sealed record ForumLikesEvent(string TwinSpaceId, string ThreadId, string PostId, int LikeCount, long Version);
