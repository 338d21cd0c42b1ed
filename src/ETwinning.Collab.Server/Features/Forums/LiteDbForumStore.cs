using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>Forums in each TwinSpace's own file. Numbering, versions and like counts change inside the file's one writer.</summary>
public sealed partial class LiteDbForumStore(DatabaseFiles files) : IForumStore
{
    private const string Discussions_ = "forum_discussions";
    private const string Threads_ = "forum_threads";
    private const string Posts_ = "forum_posts";
    private const string Revisions_ = "forum_revisions";
    private const string Likes = "forum_likes";
    private const string ReadMarkers_ = "forum_read";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [Discussions_, Threads_, Posts_, Revisions_, Likes, ReadMarkers_];

    // Files whose indexes were ensured by this process; EnsureIndex is a write, so it rides along the first write.
    private readonly IndexedTwinSpaceFiles _twinSpaces = new(files, EnsureIndexes);

    public Task AddDiscussionAsync(string twinSpaceId, ForumDiscussion discussion, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db => DiscussionsOf(db).Insert(discussion), cancellationToken);

    public ValueTask<ForumDiscussion?> FindDiscussionAsync(string twinSpaceId, string discussionId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<ForumDiscussion?>(twinSpaceId, db => DiscussionsOf(db).FindById(discussionId), cancellationToken);

    public ValueTask<IReadOnlyList<ForumDiscussion>> DiscussionsAsync(string twinSpaceId, string? roomId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<ForumDiscussion>>(twinSpaceId,
            db => DiscussionsOf(db).Find(d => d.RoomId == roomId).OrderByDescending(d => d.LastActivityAt).ToList(), cancellationToken);

    public Task<(ForumThread Thread, ForumPost Opening)> AddThreadAsync(
        string twinSpaceId, ForumThread thread, ForumPost opening, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var stored = (thread with { LastNumber = 1, Version = 1, LastActivityAt = opening.CreatedAt }).WithSortKey();
            var first = opening with { Number = 1, Version = 1 };
            ThreadsOf(db).Insert(stored);
            PostsOf(db).Insert(first);
            var discussions = DiscussionsOf(db);
            var discussion = discussions.FindById(thread.DiscussionId);
            if (discussion is not null)
                discussions.Update(discussion with { ThreadCount = discussion.ThreadCount + 1, LastActivityAt = opening.CreatedAt });
            return (stored, first);
        }, cancellationToken);

    public ValueTask<ForumThread?> FindThreadAsync(string twinSpaceId, string threadId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<ForumThread?>(twinSpaceId, db => ThreadsOf(db).FindById(threadId), cancellationToken);

    public ValueTask<IReadOnlyList<ForumThread>> ThreadsAsync(
        string twinSpaceId, string discussionId, int offset, int limit, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<ForumThread>>(twinSpaceId, db => ThreadsOf(db).Query()
            .Where(t => t.DiscussionId == discussionId && !t.Deleted)
            .OrderByDescending(t => t.SortKey)
            .Offset(offset).Limit(limit).ToList(), cancellationToken);

    public ValueTask<int> CountThreadsAsync(string twinSpaceId, string discussionId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync(twinSpaceId, db => ThreadsOf(db).Count(t => t.DiscussionId == discussionId && !t.Deleted), cancellationToken);

    public Task<ForumThread?> SetThreadPinnedAsync(string twinSpaceId, string threadId, bool pinned, CancellationToken cancellationToken = default) =>
        ChangeThreadAsync(twinSpaceId, threadId, thread => thread with { Pinned = pinned }, cancellationToken);

    public Task<ForumThread?> SetThreadLockedAsync(string twinSpaceId, string threadId, bool locked, CancellationToken cancellationToken = default) =>
        ChangeThreadAsync(twinSpaceId, threadId, thread => thread with { Locked = locked }, cancellationToken);

    public Task<ForumThread?> DeleteThreadAsync(string twinSpaceId, string threadId, CancellationToken cancellationToken = default) =>
        ChangeThreadAsync(twinSpaceId, threadId, thread => thread with { Deleted = true }, cancellationToken);

    public Task<AddReplyResult> AddReplyAsync(string twinSpaceId, ForumPost reply, bool evenIfLocked, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var threads = ThreadsOf(db);
            var thread = threads.FindById(reply.ThreadId);
            if (thread is null || thread.Deleted) return new AddReplyResult(AddReplyOutcome.ThreadNotFound, null, null);
            if (thread.Locked && !evenIfLocked) return new AddReplyResult(AddReplyOutcome.ThreadLocked, thread, null);
            var stored = reply with { Number = thread.LastNumber + 1, Version = thread.Version + 1 };
            var updated = (thread with
            {
                LastNumber = stored.Number,
                Version = stored.Version,
                ReplyCount = thread.ReplyCount + 1,
                LastActivityAt = stored.CreatedAt,
            }).WithSortKey();
            PostsOf(db).Insert(stored);
            threads.Update(updated);
            var discussions = DiscussionsOf(db);
            if (discussions.FindById(thread.DiscussionId) is { } discussion)
                discussions.Update(discussion with { LastActivityAt = stored.CreatedAt });
            return new AddReplyResult(AddReplyOutcome.Added, updated, stored);
        }, cancellationToken);

    public ValueTask<ForumPost?> FindPostAsync(string twinSpaceId, string postId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<ForumPost?>(twinSpaceId, db => PostsOf(db).FindById(postId), cancellationToken);

    public ValueTask<IReadOnlyList<ForumPost>> HeldPostsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<ForumPost>>(twinSpaceId, db => PostsOf(db).Find(p => p.State == ForumPostState.HeldForReview).ToList(), cancellationToken);

    public ValueTask<IReadOnlyList<ForumPost>> FindPostsAsync(
        string twinSpaceId, IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default) =>
        postIds.Count == 0 ? ValueTask.FromResult<IReadOnlyList<ForumPost>>([]) : _twinSpaces.ReadAsync<IReadOnlyList<ForumPost>>(twinSpaceId, db =>
        {
            var posts = PostsOf(db);
            return postIds.Distinct().Select(id => posts.FindById(id)).Where(p => p is not null).ToList();
        }, cancellationToken);

    public ValueTask<IReadOnlyList<ForumPost>> PostsAsync(
        string twinSpaceId, string threadId, int afterNumber, int limit, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<ForumPost>>(twinSpaceId, db => PostsOf(db).Query()
            .Where(p => p.ThreadId == threadId && p.Number > afterNumber)
            .OrderBy(p => p.Number).Limit(limit).ToList(), cancellationToken);

    public ValueTask<IReadOnlyList<ForumPost>> PostsChangedSinceAsync(
        string twinSpaceId, string threadId, long sinceVersion, int limit, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<ForumPost>>(twinSpaceId, db => PostsOf(db).Query()
            .Where(p => p.ThreadId == threadId && p.Version > sinceVersion)
            .OrderBy(p => p.Version).Limit(limit).ToList(), cancellationToken);

    public ValueTask<int> CountVisiblePostsAfterAsync(
        string twinSpaceId, string threadId, int afterNumber, string exceptAuthorId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync(twinSpaceId, db => PostsOf(db).Count(p =>
            p.ThreadId == threadId && p.Number > afterNumber && p.State == ForumPostState.Visible && p.AuthorId != exceptAuthorId),
            cancellationToken);

    public Task<ForumPost?> TryReplacePostAsync(
        string twinSpaceId, ForumPost replacement, long expectedVersion, ForumPostRevision? revision = null,
        CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var posts = PostsOf(db);
            var stored = posts.FindById(replacement.Id);
            if (stored is null || stored.Version != expectedVersion) return null;
            var updated = NextVersion(db, stored with
            {
                Source = replacement.Source,
                Html = replacement.Html,
                AttachmentIds = replacement.AttachmentIds,
                EditedAt = replacement.EditedAt,
                State = replacement.State,
                ModerationNote = replacement.ModerationNote,
                ModeratedBy = replacement.ModeratedBy,
            });
            posts.Update(updated);
            if (revision is not null) RevisionsOf(db).Insert(revision with { Id = 0, PostId = stored.Id });
            return updated;
        }, cancellationToken);

    public ValueTask<IReadOnlyList<ForumPostRevision>> RevisionsAsync(string twinSpaceId, string postId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<ForumPostRevision>>(twinSpaceId,
            db => RevisionsOf(db).Query().Where(r => r.PostId == postId).OrderBy(r => r.Id).ToList(), cancellationToken);

    public Task<(ForumPost? Post, bool Changed)> SetLikeAsync(
        string twinSpaceId, string postId, string accountId, bool like, DateTime at, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var posts = PostsOf(db);
            var post = posts.FindById(postId);
            if (post is null) return ((ForumPost?)null, false);
            var likes = db.GetCollection<ForumLike>(Likes);
            var key = ForumLike.KeyOf(postId, accountId);
            var exists = likes.Exists(l => l.Id == key);
            if (exists == like) return (post, false);
            if (like) likes.Insert(new ForumLike { Id = key, PostId = postId, AccountId = accountId, At = at });
            else likes.Delete(key);
            var updated = NextVersion(db, post with { LikeCount = Math.Max(0, post.LikeCount + (like ? 1 : -1)) });
            posts.Update(updated);
            return (updated, true);
        }, cancellationToken);

    public ValueTask<IReadOnlySet<string>> LikedByAsync(
        string twinSpaceId, string accountId, IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default) =>
        postIds.Count == 0 ? ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>()) : _twinSpaces.ReadAsync<IReadOnlySet<string>>(twinSpaceId, db =>
        {
            var likes = db.GetCollection<ForumLike>(Likes);
            return postIds.Where(id => likes.Exists(l => l.Id == ForumLike.KeyOf(id, accountId))).ToHashSet();
        }, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, int>> ReadMarkersAsync(
        string twinSpaceId, string accountId, IReadOnlyCollection<string> threadIds, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyDictionary<string, int>>(twinSpaceId, db =>
        {
            var markers = db.GetCollection<ForumReadMarker>(ReadMarkers_);
            var found = new Dictionary<string, int>();
            foreach (var threadId in threadIds.Distinct())
                if (markers.FindById(ForumReadMarker.KeyOf(threadId, accountId)) is { } marker) found[threadId] = marker.LastReadNumber;
            return found;
        }, cancellationToken);

    public Task AdvanceReadMarkerAsync(
        string twinSpaceId, string threadId, string accountId, int number, DateTime at, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var markers = db.GetCollection<ForumReadMarker>(ReadMarkers_);
            var key = ForumReadMarker.KeyOf(threadId, accountId);
            var marker = markers.FindById(key);
            markers.Upsert(new ForumReadMarker
            {
                Id = key,
                ThreadId = threadId,
                AccountId = accountId,
                LastReadNumber = Math.Max(number, marker?.LastReadNumber ?? 0),
                LastVisitAt = at,
            });
        }, cancellationToken);

    // The thread's own fields only: changing them is not a change of any post, so the thread's version stays.
    private Task<ForumThread?> ChangeThreadAsync(
        string twinSpaceId, string threadId, Func<ForumThread, ForumThread> change, CancellationToken cancellationToken) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var threads = ThreadsOf(db);
            var thread = threads.FindById(threadId);
            if (thread is null) return null;
            var updated = change(thread).WithSortKey();
            threads.Update(updated);
            if (updated.Deleted && !thread.Deleted) AdjustThreadCount(db, thread.DiscussionId, -1);
            return updated;
        }, cancellationToken);

    private static ForumPost NextVersion(LiteDatabase db, ForumPost post)
    {
        var threads = ThreadsOf(db);
        var thread = threads.FindById(post.ThreadId);
        if (thread is null) return post;
        var version = thread.Version + 1;
        threads.Update(thread with { Version = version });
        return post with { Version = version };
    }

    private static void AdjustThreadCount(LiteDatabase db, string discussionId, int by)
    {
        var discussions = DiscussionsOf(db);
        if (discussions.FindById(discussionId) is { } discussion)
            discussions.Update(discussion with { ThreadCount = Math.Max(0, discussion.ThreadCount + by) });
    }

    private static void EnsureIndexes(LiteDatabase db)
    {
        ThreadsOf(db).EnsureIndex(t => t.DiscussionId);
        ThreadsOf(db).EnsureIndex(t => t.SortKey);
        PostsOf(db).EnsureIndex(p => p.ThreadId);
        RevisionsOf(db).EnsureIndex(r => r.PostId);
        DiscussionsOf(db).EnsureIndex(d => d.RoomId);
    }

    private static ILiteCollection<ForumDiscussion> DiscussionsOf(LiteDatabase db) => db.GetCollection<ForumDiscussion>(Discussions_);
    private static ILiteCollection<ForumThread> ThreadsOf(LiteDatabase db) => db.GetCollection<ForumThread>(Threads_);
    private static ILiteCollection<ForumPost> PostsOf(LiteDatabase db) => db.GetCollection<ForumPost>(Posts_);
    private static ILiteCollection<ForumPostRevision> RevisionsOf(LiteDatabase db) => db.GetCollection<ForumPostRevision>(Revisions_, BsonAutoId.Int64);
}
