namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Forum data of one TwinSpace at a time: every method takes the TwinSpace id, so a thread id from another
/// TwinSpace is simply not found. Writes that number posts or count likes are atomic in the store.
/// </summary>
public interface IForumStore
{
    Task AddDiscussionAsync(string twinSpaceId, ForumDiscussion discussion);
    ForumDiscussion? FindDiscussion(string twinSpaceId, string discussionId);
    /// <summary>Discussions of the TwinSpace (<paramref name="roomId"/> null) or of one room, newest activity first.</summary>
    IReadOnlyList<ForumDiscussion> Discussions(string twinSpaceId, string? roomId);

    /// <summary>Stores a thread with its opening post (number 1) and counts it in its discussion.</summary>
    Task<(ForumThread Thread, ForumPost Opening)> AddThreadAsync(string twinSpaceId, ForumThread thread, ForumPost opening);
    ForumThread? FindThread(string twinSpaceId, string threadId);
    /// <summary>Threads not deleted, pinned first then by last activity.</summary>
    IReadOnlyList<ForumThread> Threads(string twinSpaceId, string discussionId, int offset, int limit);
    int CountThreads(string twinSpaceId, string discussionId);
    /// <summary>Applies <paramref name="change"/> to the thread inside the writer; null when the thread does not exist.</summary>
    Task<ForumThread?> UpdateThreadAsync(string twinSpaceId, string threadId, Func<ForumThread, ForumThread> change);

    /// <summary>Numbers and stores a reply; refused (with the reason) when the thread is gone, or locked at that moment and not <paramref name="evenIfLocked"/>.</summary>
    Task<AddReplyResult> AddReplyAsync(string twinSpaceId, ForumPost reply, bool evenIfLocked);
    ForumPost? FindPost(string twinSpaceId, string postId);
    IReadOnlyList<ForumPost> FindPosts(string twinSpaceId, IReadOnlyCollection<string> postIds);
    /// <summary>Every post waiting for review (a scan: read when a moderator opens the queue, not on the hot path).</summary>
    IReadOnlyList<ForumPost> HeldPosts(string twinSpaceId);
    /// <summary>Posts numbered above <paramref name="afterNumber"/>, in order.</summary>
    IReadOnlyList<ForumPost> Posts(string twinSpaceId, string threadId, int afterNumber, int limit);
    /// <summary>Posts whose version is above <paramref name="sinceVersion"/>, by version.</summary>
    IReadOnlyList<ForumPost> PostsChangedSince(string twinSpaceId, string threadId, long sinceVersion, int limit);
    /// <summary>Visible posts numbered above <paramref name="afterNumber"/>, not written by <paramref name="exceptAuthorId"/>.</summary>
    int CountVisiblePostsAfter(string twinSpaceId, string threadId, int afterNumber, string exceptAuthorId);
    /// <summary>
    /// Applies <paramref name="change"/> to the post inside the writer, gives it the thread's next version and
    /// stores <paramref name="revision"/> (the content before) when given. Null when the post does not exist.
    /// </summary>
    Task<ForumPost?> UpdatePostAsync(string twinSpaceId, string postId, Func<ForumPost, ForumPost> change, ForumPostRevision? revision);
    IReadOnlyList<ForumPostRevision> Revisions(string twinSpaceId, string postId);

    /// <summary>Adds or removes one member's like; idempotent. Returns the post and whether anything changed.</summary>
    Task<(ForumPost? Post, bool Changed)> SetLikeAsync(string twinSpaceId, string postId, string accountId, bool like, DateTime at);
    /// <summary>Which of <paramref name="postIds"/> the account likes.</summary>
    IReadOnlySet<string> LikedBy(string twinSpaceId, string accountId, IReadOnlyCollection<string> postIds);

    /// <summary>Last read post number per thread for the account (threads never opened are absent).</summary>
    IReadOnlyDictionary<string, int> ReadMarkers(string twinSpaceId, string accountId, IReadOnlyCollection<string> threadIds);
    /// <summary>Moves the marker forward (never back) to <paramref name="number"/>.</summary>
    Task MarkReadAsync(string twinSpaceId, string threadId, string accountId, int number, DateTime at);
}
