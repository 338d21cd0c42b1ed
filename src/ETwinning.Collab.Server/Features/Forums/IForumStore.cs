namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Forum data of one TwinSpace at a time: every method takes the TwinSpace id, so an id from another TwinSpace is
/// simply not found. Every write is atomic: what a method says happens "in the same write" either all happens or
/// none of it does. Reads see committed writes only.
/// </summary>
/// <remarks>
/// Two counters per thread, both kept on the thread and assigned inside the write that uses them, gap-free and
/// unique however many writers share the store:
/// <list type="bullet">
/// <item>the post number (<see cref="ForumThread.LastNumber"/>): 1 for the opening post, then 2, 3... per reply;</item>
/// <item>the version (<see cref="ForumThread.Version"/>): every stored change of one of the thread's posts (new post,
/// replacement, like) takes the thread's next version as the post's <see cref="ForumPost.Version"/>, so "what changed
/// since version N" (<see cref="PostsChangedSinceAsync"/>) is how a client catches up after missing events.</item>
/// </list>
/// Rules that refuse (who may edit, which states may change into which) run in the services; the store refuses only
/// what must be decided at the moment of the write (a locked thread, a post that changed meanwhile).
/// </remarks>
public interface IForumStore
{
    Task AddDiscussionAsync(string twinSpaceId, ForumDiscussion discussion, CancellationToken cancellationToken = default);

    ValueTask<ForumDiscussion?> FindDiscussionAsync(string twinSpaceId, string discussionId, CancellationToken cancellationToken = default);

    /// <summary>Discussions of the TwinSpace (<paramref name="roomId"/> null) or of one room, newest activity first.</summary>
    ValueTask<IReadOnlyList<ForumDiscussion>> DiscussionsAsync(string twinSpaceId, string? roomId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a thread with its opening post: both get number 1 and version 1 (the thread's <see cref="ForumThread.LastNumber"/>
    /// and <see cref="ForumThread.Version"/> start there), the thread's last activity is the post's time, and in the same
    /// write its discussion counts one thread more and takes that time as its last activity. Returns both as stored.
    /// </summary>
    Task<(ForumThread Thread, ForumPost Opening)> AddThreadAsync(
        string twinSpaceId, ForumThread thread, ForumPost opening, CancellationToken cancellationToken = default);

    /// <summary>The thread, deleted ones included (callers decide what a deleted thread means to them).</summary>
    ValueTask<ForumThread?> FindThreadAsync(string twinSpaceId, string threadId, CancellationToken cancellationToken = default);

    /// <summary>Threads of the discussion that are not deleted: pinned first, then by last activity, newest first.</summary>
    ValueTask<IReadOnlyList<ForumThread>> ThreadsAsync(
        string twinSpaceId, string discussionId, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many threads of the discussion are not deleted.</summary>
    ValueTask<int> CountThreadsAsync(string twinSpaceId, string discussionId, CancellationToken cancellationToken = default);

    /// <summary>Pins or unpins the thread (which moves it in <see cref="ThreadsAsync"/>); null when there is no such thread.</summary>
    Task<ForumThread?> SetThreadPinnedAsync(string twinSpaceId, string threadId, bool pinned, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks or unlocks the thread; null when there is no such thread. A reply stored after this write sees the new
    /// state (<see cref="AddReplyAsync"/> reads it inside its own write).
    /// </summary>
    Task<ForumThread?> SetThreadLockedAsync(string twinSpaceId, string threadId, bool locked, CancellationToken cancellationToken = default);

    /// <summary>
    /// Soft-deletes the thread: it leaves <see cref="ThreadsAsync"/> and refuses replies; its posts stay. In the same
    /// write its discussion counts one thread less, once however often this is called. Null when there is no such thread.
    /// </summary>
    Task<ForumThread?> DeleteThreadAsync(string twinSpaceId, string threadId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Numbers and stores a reply: the thread's next number and next version, both assigned inside the write, so
    /// concurrent replies never share a number or leave a gap. In the same write the thread counts one reply more and
    /// takes the reply's time as its last activity, as does its discussion. Refused, with nothing written, when the
    /// thread does not exist or is deleted (<see cref="AddReplyOutcome.ThreadNotFound"/>), or is locked at that moment
    /// and <paramref name="evenIfLocked"/> is false (<see cref="AddReplyOutcome.ThreadLocked"/>, with the thread).
    /// </summary>
    Task<AddReplyResult> AddReplyAsync(string twinSpaceId, ForumPost reply, bool evenIfLocked, CancellationToken cancellationToken = default);

    ValueTask<ForumPost?> FindPostAsync(string twinSpaceId, string postId, CancellationToken cancellationToken = default);

    /// <summary>The posts of these ids that exist, in no particular order, each once.</summary>
    ValueTask<IReadOnlyList<ForumPost>> FindPostsAsync(
        string twinSpaceId, IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default);

    /// <summary>Every post waiting for review (a scan: read when a moderator opens the queue, not on the hot path).</summary>
    ValueTask<IReadOnlyList<ForumPost>> HeldPostsAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> posts of the thread numbered above <paramref name="afterNumber"/>, ascending by number.</summary>
    ValueTask<IReadOnlyList<ForumPost>> PostsAsync(
        string twinSpaceId, string threadId, int afterNumber, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> posts of the thread whose version is above <paramref name="sinceVersion"/>, in
    /// their current state, ascending by version; each post once (its version is that of its latest change).
    /// </summary>
    ValueTask<IReadOnlyList<ForumPost>> PostsChangedSinceAsync(
        string twinSpaceId, string threadId, long sinceVersion, int limit, CancellationToken cancellationToken = default);

    /// <summary>Visible posts of the thread numbered above <paramref name="afterNumber"/>, not written by <paramref name="exceptAuthorId"/>.</summary>
    ValueTask<int> CountVisiblePostsAfterAsync(
        string twinSpaceId, string threadId, int afterNumber, string exceptAuthorId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-set: replaces the post with <paramref name="replacement"/> if its stored <see cref="ForumPost.Version"/>
    /// is still <paramref name="expectedVersion"/>; returns the post now stored, or null when the version moved (or there
    /// is no such post), in which case nothing was written and the caller reads again. Only the post's content and
    /// state change (source, html, attachments, edit time, state, moderation note and moderator); its identity (thread,
    /// number, author, creation time, quoted post) and like count stay as stored. In the same write the post takes
    /// its thread's next version, and <paramref name="revision"/> (the content before an edit), when given, is stored
    /// with the next revision id.
    /// </summary>
    Task<ForumPost?> TryReplacePostAsync(
        string twinSpaceId, ForumPost replacement, long expectedVersion, ForumPostRevision? revision = null,
        CancellationToken cancellationToken = default);

    /// <summary>Every stored revision of the post, oldest first.</summary>
    ValueTask<IReadOnlyList<ForumPostRevision>> RevisionsAsync(string twinSpaceId, string postId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or removes one member's like, idempotently: liking twice (or unliking what is not liked) writes nothing and
    /// returns the post as stored with <c>Changed</c> false. A change moves the post's like count by exactly one and
    /// gives the post its thread's next version, in the same write. Post null when there is no such post.
    /// </summary>
    Task<(ForumPost? Post, bool Changed)> SetLikeAsync(
        string twinSpaceId, string postId, string accountId, bool like, DateTime at, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="postIds"/> the account likes.</summary>
    ValueTask<IReadOnlySet<string>> LikedByAsync(
        string twinSpaceId, string accountId, IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default);

    /// <summary>Last read post number per thread for the account (threads never opened are absent).</summary>
    ValueTask<IReadOnlyDictionary<string, int>> ReadMarkersAsync(
        string twinSpaceId, string accountId, IReadOnlyCollection<string> threadIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the account's marker of the thread forward to <paramref name="number"/>, never back: a lower number (a late
    /// request from an older page) keeps the stored one and only records the visit time.
    /// </summary>
    Task AdvanceReadMarkerAsync(
        string twinSpaceId, string threadId, string accountId, int number, DateTime at, CancellationToken cancellationToken = default);
}
