using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>Forums in each TwinSpace's own file. Numbering, versions and like counts change inside the file's one writer.</summary>
public sealed class LiteDbForumStore(DatabaseFiles files) : IForumStore
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
    private readonly ConcurrentDictionary<string, bool> _indexed = new();

    public Task AddDiscussionAsync(string twinSpaceId, ForumDiscussion discussion) =>
        WriteAsync(twinSpaceId, db => DiscussionsOf(db).Insert(discussion));

    public ForumDiscussion? FindDiscussion(string twinSpaceId, string discussionId) =>
        Read(twinSpaceId, db => DiscussionsOf(db).FindById(discussionId));

    public IReadOnlyList<ForumDiscussion> Discussions(string twinSpaceId, string? roomId) =>
        Read(twinSpaceId, db => DiscussionsOf(db).Find(d => d.RoomId == roomId).OrderByDescending(d => d.LastActivityAt).ToList());

    public Task<(ForumThread Thread, ForumPost Opening)> AddThreadAsync(string twinSpaceId, ForumThread thread, ForumPost opening) =>
        WriteAsync(twinSpaceId, db =>
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
        });

    public ForumThread? FindThread(string twinSpaceId, string threadId) => Read(twinSpaceId, db => ThreadsOf(db).FindById(threadId));

    public IReadOnlyList<ForumThread> Threads(string twinSpaceId, string discussionId, int offset, int limit) =>
        Read(twinSpaceId, db => ThreadsOf(db).Query()
            .Where(t => t.DiscussionId == discussionId && !t.Deleted)
            .OrderByDescending(t => t.SortKey)
            .Offset(offset).Limit(limit).ToList());

    public int CountThreads(string twinSpaceId, string discussionId) =>
        Read(twinSpaceId, db => ThreadsOf(db).Count(t => t.DiscussionId == discussionId && !t.Deleted));

    public Task<ForumThread?> UpdateThreadAsync(string twinSpaceId, string threadId, Func<ForumThread, ForumThread> change) =>
        WriteAsync(twinSpaceId, db =>
        {
            var threads = ThreadsOf(db);
            var thread = threads.FindById(threadId);
            if (thread is null) return null;
            var updated = change(thread).WithSortKey();
            threads.Update(updated);
            if (updated.Deleted && !thread.Deleted) AdjustThreadCount(db, thread.DiscussionId, -1);
            return updated;
        });

    public Task<AddReplyResult> AddReplyAsync(string twinSpaceId, ForumPost reply, bool evenIfLocked) => WriteAsync(twinSpaceId, db =>
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
    });

    public ForumPost? FindPost(string twinSpaceId, string postId) => Read(twinSpaceId, db => PostsOf(db).FindById(postId));

    public IReadOnlyList<ForumPost> HeldPosts(string twinSpaceId) =>
        Read(twinSpaceId, db => PostsOf(db).Find(p => p.State == ForumPostState.HeldForReview).ToList());

    public IReadOnlyList<ForumPost> FindPosts(string twinSpaceId, IReadOnlyCollection<string> postIds) =>
        postIds.Count == 0 ? [] : Read(twinSpaceId, db =>
        {
            var posts = PostsOf(db);
            return postIds.Distinct().Select(id => posts.FindById(id)).Where(p => p is not null).ToList();
        });

    public IReadOnlyList<ForumPost> Posts(string twinSpaceId, string threadId, int afterNumber, int limit) =>
        Read(twinSpaceId, db => PostsOf(db).Query()
            .Where(p => p.ThreadId == threadId && p.Number > afterNumber)
            .OrderBy(p => p.Number).Limit(limit).ToList());

    public IReadOnlyList<ForumPost> PostsChangedSince(string twinSpaceId, string threadId, long sinceVersion, int limit) =>
        Read(twinSpaceId, db => PostsOf(db).Query()
            .Where(p => p.ThreadId == threadId && p.Version > sinceVersion)
            .OrderBy(p => p.Version).Limit(limit).ToList());

    public int CountVisiblePostsAfter(string twinSpaceId, string threadId, int afterNumber, string exceptAuthorId) =>
        Read(twinSpaceId, db => PostsOf(db).Count(p =>
            p.ThreadId == threadId && p.Number > afterNumber && p.State == ForumPostState.Visible && p.AuthorId != exceptAuthorId));

    public Task<ForumPost?> UpdatePostAsync(string twinSpaceId, string postId, Func<ForumPost, ForumPost> change, ForumPostRevision? revision) =>
        WriteAsync(twinSpaceId, db =>
        {
            var posts = PostsOf(db);
            var post = posts.FindById(postId);
            if (post is null) return null;
            var updated = NextVersion(db, change(post));
            posts.Update(updated);
            if (revision is not null) RevisionsOf(db).Insert(revision);
            return updated;
        });

    public IReadOnlyList<ForumPostRevision> Revisions(string twinSpaceId, string postId) =>
        Read(twinSpaceId, db => RevisionsOf(db).Query().Where(r => r.PostId == postId).OrderBy(r => r.Id).ToList());

    public Task<(ForumPost? Post, bool Changed)> SetLikeAsync(string twinSpaceId, string postId, string accountId, bool like, DateTime at) =>
        WriteAsync(twinSpaceId, db =>
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
        });

    public IReadOnlySet<string> LikedBy(string twinSpaceId, string accountId, IReadOnlyCollection<string> postIds) =>
        postIds.Count == 0 ? new HashSet<string>() : Read(twinSpaceId, db =>
        {
            var likes = db.GetCollection<ForumLike>(Likes);
            return postIds.Where(id => likes.Exists(l => l.Id == ForumLike.KeyOf(id, accountId))).ToHashSet();
        });

    public IReadOnlyDictionary<string, int> ReadMarkers(string twinSpaceId, string accountId, IReadOnlyCollection<string> threadIds) =>
        Read(twinSpaceId, db =>
        {
            var markers = db.GetCollection<ForumReadMarker>(ReadMarkers_);
            var found = new Dictionary<string, int>();
            foreach (var threadId in threadIds.Distinct())
                if (markers.FindById(ForumReadMarker.KeyOf(threadId, accountId)) is { } marker) found[threadId] = marker.LastReadNumber;
            return (IReadOnlyDictionary<string, int>)found;
        });

    public Task MarkReadAsync(string twinSpaceId, string threadId, string accountId, int number, DateTime at) =>
        WriteAsync(twinSpaceId, db =>
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
        });

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

    private T Read<T>(string twinSpaceId, Func<LiteDatabase, T> read) => files.ForTwinSpace(twinSpaceId).Read(read);

    private Task<T> WriteAsync<T>(string twinSpaceId, Func<LiteDatabase, T> write)
    {
        var ensureIndexes = _indexed.TryAdd(twinSpaceId, true);
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            if (ensureIndexes) EnsureIndexes(db);
            return write(db);
        });
    }

    private Task<bool> WriteAsync(string twinSpaceId, Action<LiteDatabase> write) =>
        WriteAsync(twinSpaceId, db => { write(db); return true; });

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
