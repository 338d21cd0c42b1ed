using System.Data.Common;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;
using static ETwinning.Collab.Server.Infrastructure.Storage.Postgres.PostgresCommands;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Forums in the cluster's shared database. The thread row holds the thread's two counters (post number and version);
/// every write that changes a post of the thread first locks that row (<c>SELECT ... FOR UPDATE</c>) inside the
/// engine's batch transaction, so writers on every node take numbers and versions one after the other, and a write
/// that rolls back gives them back. Locks are always taken thread first, then discussion, so two writes never wait
/// for each other in a circle. Forum writes are rare next to chat, so they read, decide and write in a few
/// statements, like the embedded store, rather than in one.
/// </summary>
public sealed partial class PostgresForumStore(PostgresDatabase database) : IForumStore
{
    public const string Feature = "forums";

    public static readonly PostgresMigration[] Migrations =
    [
        new(Feature, 1, """
            CREATE TABLE forum_discussions (
                twin_space_id text NOT NULL,
                id text NOT NULL,
                room_id text,
                title text NOT NULL,
                description_source text NOT NULL,
                description_html text NOT NULL,
                created_by text NOT NULL,
                created_by_name text NOT NULL,
                created_at timestamptz NOT NULL,
                thread_count integer NOT NULL,
                last_activity_at timestamptz NOT NULL,
                PRIMARY KEY (twin_space_id, id));
            CREATE TABLE forum_threads (
                twin_space_id text NOT NULL,
                id text NOT NULL,
                discussion_id text NOT NULL,
                title text NOT NULL,
                author_id text NOT NULL,
                author_name text NOT NULL,
                created_at timestamptz NOT NULL,
                pinned boolean NOT NULL,
                locked boolean NOT NULL,
                deleted boolean NOT NULL,
                reply_count integer NOT NULL,
                last_activity_at timestamptz NOT NULL,
                last_number integer NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (twin_space_id, id));
            CREATE INDEX forum_threads_listed ON forum_threads (twin_space_id, discussion_id, pinned DESC, last_activity_at DESC) WHERE NOT deleted;
            CREATE TABLE forum_posts (
                twin_space_id text NOT NULL,
                id text NOT NULL,
                thread_id text NOT NULL,
                discussion_id text NOT NULL,
                number integer NOT NULL,
                version bigint NOT NULL,
                author_id text NOT NULL,
                author_name text NOT NULL,
                source text NOT NULL,
                html text NOT NULL,
                quoted_post_id text,
                attachment_ids text[] NOT NULL,
                created_at timestamptz NOT NULL,
                edited_at timestamptz,
                like_count integer NOT NULL,
                state text NOT NULL,
                moderation_note text,
                moderated_by text,
                PRIMARY KEY (twin_space_id, id),
                UNIQUE (twin_space_id, thread_id, number));
            CREATE INDEX forum_posts_by_version ON forum_posts (twin_space_id, thread_id, version);
            CREATE INDEX forum_posts_held ON forum_posts (twin_space_id) WHERE state = 'HeldForReview';
            CREATE TABLE forum_revisions (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                twin_space_id text NOT NULL,
                post_id text NOT NULL,
                source text NOT NULL,
                html text NOT NULL,
                edited_at timestamptz NOT NULL,
                edited_by text NOT NULL,
                edited_by_name text NOT NULL);
            CREATE INDEX forum_revisions_of_post ON forum_revisions (twin_space_id, post_id, id);
            CREATE TABLE forum_likes (
                twin_space_id text NOT NULL,
                post_id text NOT NULL,
                account_id text NOT NULL,
                at timestamptz NOT NULL,
                PRIMARY KEY (twin_space_id, post_id, account_id));
            CREATE INDEX forum_likes_by_account ON forum_likes (twin_space_id, account_id);
            CREATE TABLE forum_read_markers (
                twin_space_id text NOT NULL,
                thread_id text NOT NULL,
                account_id text NOT NULL,
                last_read_number integer NOT NULL,
                last_visit_at timestamptz NOT NULL,
                PRIMARY KEY (twin_space_id, thread_id, account_id));
            """),
    ];

    private const string DiscussionColumns =
        "id, room_id, title, description_source, description_html, created_by, created_by_name, created_at, thread_count, last_activity_at";

    private const string ThreadColumns =
        "id, discussion_id, title, author_id, author_name, created_at, pinned, locked, deleted, reply_count, last_activity_at, last_number, version";

    private const string PostColumns = """
        id, thread_id, discussion_id, number, version, author_id, author_name, source, html, quoted_post_id, attachment_ids, created_at,
        edited_at, like_count, state, moderation_note, moderated_by
        """;

    private const string ListedOrder = "ORDER BY pinned DESC, last_activity_at DESC, id DESC";

    public Task AddDiscussionAsync(string twinSpaceId, ForumDiscussion discussion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var insert = Command(connection, transaction, $"""
                INSERT INTO forum_discussions ({DiscussionColumns}, twin_space_id) VALUES ($1, $2::text, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """, discussion.Id, discussion.RoomId, discussion.Title, discussion.DescriptionSource, discussion.DescriptionHtml,
                discussion.CreatedBy, discussion.CreatedByName, discussion.CreatedAt, discussion.ThreadCount, discussion.LastActivityAt, twinSpaceId);
            await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    public ValueTask<ForumDiscussion?> FindDiscussionAsync(string twinSpaceId, string discussionId, CancellationToken cancellationToken = default) =>
        FirstAsync($"SELECT {DiscussionColumns} FROM forum_discussions WHERE twin_space_id = $1 AND id = $2", ReadDiscussion, cancellationToken,
            twinSpaceId, discussionId);

    public ValueTask<IReadOnlyList<ForumDiscussion>> DiscussionsAsync(string twinSpaceId, string? roomId, CancellationToken cancellationToken = default) =>
        ListAsync($"""
            SELECT {DiscussionColumns} FROM forum_discussions WHERE twin_space_id = $1 AND room_id IS NOT DISTINCT FROM $2::text
            ORDER BY last_activity_at DESC
            """, ReadDiscussion, cancellationToken, twinSpaceId, roomId);

    public Task<(ForumThread Thread, ForumPost Opening)> AddThreadAsync(
        string twinSpaceId, ForumThread thread, ForumPost opening, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var stored = (thread with { LastNumber = 1, Version = 1, LastActivityAt = opening.CreatedAt }).WithSortKey();
            var first = opening with { Number = 1, Version = 1 };
            await using (var insert = Command(connection, transaction, $"""
                INSERT INTO forum_threads ({ThreadColumns}, twin_space_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """, stored.Id, stored.DiscussionId, stored.Title, stored.AuthorId, stored.AuthorName, stored.CreatedAt, stored.Pinned, stored.Locked,
                stored.Deleted, stored.ReplyCount, stored.LastActivityAt, stored.LastNumber, stored.Version, twinSpaceId))
                await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            await InsertPostAsync(connection, transaction, twinSpaceId, first, token).ConfigureAwait(false);
            await using (var count = Command(connection, transaction, """
                UPDATE forum_discussions SET thread_count = thread_count + 1, last_activity_at = $3 WHERE twin_space_id = $1 AND id = $2
                """, twinSpaceId, thread.DiscussionId, opening.CreatedAt))
                await count.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            return (stored, first);
        }, cancellationToken);

    public ValueTask<ForumThread?> FindThreadAsync(string twinSpaceId, string threadId, CancellationToken cancellationToken = default) =>
        FirstAsync($"SELECT {ThreadColumns} FROM forum_threads WHERE twin_space_id = $1 AND id = $2", ReadThread, cancellationToken, twinSpaceId, threadId);

    public ValueTask<IReadOnlyList<ForumThread>> ThreadsAsync(
        string twinSpaceId, string discussionId, int offset, int limit, CancellationToken cancellationToken = default) =>
        ListAsync($"""
            SELECT {ThreadColumns} FROM forum_threads WHERE twin_space_id = $1 AND discussion_id = $2 AND NOT deleted
            {ListedOrder} OFFSET $3 LIMIT $4
            """, ReadThread, cancellationToken, twinSpaceId, discussionId, offset, limit);

    public ValueTask<int> CountThreadsAsync(string twinSpaceId, string discussionId, CancellationToken cancellationToken = default) =>
        CountAsync("SELECT count(*) FROM forum_threads WHERE twin_space_id = $1 AND discussion_id = $2 AND NOT deleted", cancellationToken,
            twinSpaceId, discussionId);

    public Task<ForumThread?> SetThreadPinnedAsync(string twinSpaceId, string threadId, bool pinned, CancellationToken cancellationToken = default) =>
        ChangeThreadAsync(twinSpaceId, threadId, thread => thread with { Pinned = pinned }, cancellationToken);

    public Task<ForumThread?> SetThreadLockedAsync(string twinSpaceId, string threadId, bool locked, CancellationToken cancellationToken = default) =>
        ChangeThreadAsync(twinSpaceId, threadId, thread => thread with { Locked = locked }, cancellationToken);

    public Task<ForumThread?> DeleteThreadAsync(string twinSpaceId, string threadId, CancellationToken cancellationToken = default) =>
        ChangeThreadAsync(twinSpaceId, threadId, thread => thread with { Deleted = true }, cancellationToken);

    public Task<AddReplyResult> AddReplyAsync(string twinSpaceId, ForumPost reply, bool evenIfLocked, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var thread = await LockThreadAsync(connection, transaction, twinSpaceId, reply.ThreadId, token).ConfigureAwait(false);
            if (thread is null || thread.Deleted) return new AddReplyResult(AddReplyOutcome.ThreadNotFound, null, null);
            if (thread.Locked && !evenIfLocked) return new AddReplyResult(AddReplyOutcome.ThreadLocked, thread, null);
            var stored = reply with { Number = thread.LastNumber + 1, Version = thread.Version + 1 };
            var updated = (thread with
            {
                LastNumber = stored.Number, Version = stored.Version, ReplyCount = thread.ReplyCount + 1, LastActivityAt = stored.CreatedAt,
            }).WithSortKey();
            await InsertPostAsync(connection, transaction, twinSpaceId, stored, token).ConfigureAwait(false);
            await SaveThreadAsync(connection, transaction, twinSpaceId, updated, token).ConfigureAwait(false);
            await using (var activity = Command(connection, transaction,
                "UPDATE forum_discussions SET last_activity_at = $3 WHERE twin_space_id = $1 AND id = $2", twinSpaceId, thread.DiscussionId, stored.CreatedAt))
                await activity.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            return new AddReplyResult(AddReplyOutcome.Added, updated, stored);
        }, cancellationToken);

    public ValueTask<ForumPost?> FindPostAsync(string twinSpaceId, string postId, CancellationToken cancellationToken = default) =>
        FirstAsync($"SELECT {PostColumns} FROM forum_posts WHERE twin_space_id = $1 AND id = $2", ReadPost, cancellationToken, twinSpaceId, postId);

    public ValueTask<IReadOnlyList<ForumPost>> FindPostsAsync(
        string twinSpaceId, IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default) =>
        postIds.Count == 0
            ? ValueTask.FromResult<IReadOnlyList<ForumPost>>([])
            : ListAsync($"SELECT {PostColumns} FROM forum_posts WHERE twin_space_id = $1 AND id = ANY($2)", ReadPost, cancellationToken,
                twinSpaceId, TextArray(postIds.Distinct()));

    public ValueTask<IReadOnlyList<ForumPost>> HeldPostsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ListAsync($"SELECT {PostColumns} FROM forum_posts WHERE twin_space_id = $1 AND state = $2", ReadPost, cancellationToken,
            twinSpaceId, nameof(ForumPostState.HeldForReview));

    public ValueTask<IReadOnlyList<ForumPost>> PostsAsync(
        string twinSpaceId, string threadId, int afterNumber, int limit, CancellationToken cancellationToken = default) =>
        ListAsync($"""
            SELECT {PostColumns} FROM forum_posts WHERE twin_space_id = $1 AND thread_id = $2 AND number > $3 ORDER BY number LIMIT $4
            """, ReadPost, cancellationToken, twinSpaceId, threadId, afterNumber, limit);

    public ValueTask<IReadOnlyList<ForumPost>> PostsChangedSinceAsync(
        string twinSpaceId, string threadId, long sinceVersion, int limit, CancellationToken cancellationToken = default) =>
        ListAsync($"""
            SELECT {PostColumns} FROM forum_posts WHERE twin_space_id = $1 AND thread_id = $2 AND version > $3 ORDER BY version LIMIT $4
            """, ReadPost, cancellationToken, twinSpaceId, threadId, sinceVersion, limit);

    public ValueTask<int> CountVisiblePostsAfterAsync(
        string twinSpaceId, string threadId, int afterNumber, string exceptAuthorId, CancellationToken cancellationToken = default) =>
        CountAsync("""
            SELECT count(*) FROM forum_posts
            WHERE twin_space_id = $1 AND thread_id = $2 AND number > $3 AND state = $4 AND author_id <> $5
            """, cancellationToken, twinSpaceId, threadId, afterNumber, nameof(ForumPostState.Visible), exceptAuthorId);

    public Task<ForumPost?> TryReplacePostAsync(
        string twinSpaceId, ForumPost replacement, long expectedVersion, ForumPostRevision? revision = null,
        CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            if (await LockPostAsync(connection, transaction, twinSpaceId, replacement.Id, token).ConfigureAwait(false) is not { } found
                || found.Post.Version != expectedVersion)
                return null;
            var (thread, stored) = found;
            var updated = stored with
            {
                Source = replacement.Source,
                Html = replacement.Html,
                AttachmentIds = replacement.AttachmentIds,
                EditedAt = replacement.EditedAt,
                State = replacement.State,
                ModerationNote = replacement.ModerationNote,
                ModeratedBy = replacement.ModeratedBy,
                Version = await NextVersionAsync(connection, transaction, twinSpaceId, thread, token).ConfigureAwait(false),
            };
            await UpdatePostAsync(connection, transaction, twinSpaceId, updated, token).ConfigureAwait(false);
            if (revision is not null)
            {
                await using var insert = Command(connection, transaction, """
                    INSERT INTO forum_revisions (twin_space_id, post_id, source, html, edited_at, edited_by, edited_by_name)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, twinSpaceId, stored.Id, revision.Source, revision.Html, revision.EditedAt, revision.EditedBy, revision.EditedByName);
                await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            return updated;
        }, cancellationToken);

    public ValueTask<IReadOnlyList<ForumPostRevision>> RevisionsAsync(string twinSpaceId, string postId, CancellationToken cancellationToken = default) =>
        ListAsync("""
            SELECT id, post_id, source, html, edited_at, edited_by, edited_by_name FROM forum_revisions
            WHERE twin_space_id = $1 AND post_id = $2 ORDER BY id
            """, row => new ForumPostRevision
        {
            Id = row.GetInt64(0), PostId = row.GetString(1), Source = row.GetString(2), Html = row.GetString(3), EditedAt = row.GetDateTime(4),
            EditedBy = row.GetString(5), EditedByName = row.GetString(6),
        }, cancellationToken, twinSpaceId, postId);

    public Task<(ForumPost? Post, bool Changed)> SetLikeAsync(
        string twinSpaceId, string postId, string accountId, bool like, DateTime at, CancellationToken cancellationToken = default) =>
        database.WriteAsync<(ForumPost?, bool)>(async (connection, transaction, token) =>
        {
            if (await LockPostAsync(connection, transaction, twinSpaceId, postId, token).ConfigureAwait(false) is not { } found) return (null, false);
            var (thread, post) = found;
            // The thread's row lock is held, so no other like of this post can slip in between the check and the change.
            await using (var change = like
                ? Command(connection, transaction,
                    "INSERT INTO forum_likes (twin_space_id, post_id, account_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    twinSpaceId, postId, accountId, at)
                : Command(connection, transaction,
                    "DELETE FROM forum_likes WHERE twin_space_id = $1 AND post_id = $2 AND account_id = $3", twinSpaceId, postId, accountId))
            {
                if (await change.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0) return (post, false);
            }
            var updated = post with
            {
                LikeCount = Math.Max(0, post.LikeCount + (like ? 1 : -1)),
                Version = await NextVersionAsync(connection, transaction, twinSpaceId, thread, token).ConfigureAwait(false),
            };
            await UpdatePostAsync(connection, transaction, twinSpaceId, updated, token).ConfigureAwait(false);
            return (updated, true);
        }, cancellationToken);

    public async ValueTask<IReadOnlySet<string>> LikedByAsync(
        string twinSpaceId, string accountId, IReadOnlyCollection<string> postIds, CancellationToken cancellationToken = default) =>
        postIds.Count == 0 ? new HashSet<string>() : (await ListAsync(
            "SELECT post_id FROM forum_likes WHERE twin_space_id = $1 AND account_id = $2 AND post_id = ANY($3)",
            row => row.GetString(0), cancellationToken, twinSpaceId, accountId, TextArray(postIds.Distinct())).ConfigureAwait(false)).ToHashSet();

    public async ValueTask<IReadOnlyDictionary<string, int>> ReadMarkersAsync(
        string twinSpaceId, string accountId, IReadOnlyCollection<string> threadIds, CancellationToken cancellationToken = default) =>
        (await ListAsync("""
            SELECT thread_id, last_read_number FROM forum_read_markers WHERE twin_space_id = $1 AND account_id = $2 AND thread_id = ANY($3)
            """, row => (Thread: row.GetString(0), Number: row.GetInt32(1)), cancellationToken, twinSpaceId, accountId, TextArray(threadIds.Distinct()))
            .ConfigureAwait(false)).ToDictionary(marker => marker.Thread, marker => marker.Number);

    public Task AdvanceReadMarkerAsync(
        string twinSpaceId, string threadId, string accountId, int number, DateTime at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var upsert = Command(connection, transaction, """
                INSERT INTO forum_read_markers (twin_space_id, thread_id, account_id, last_read_number, last_visit_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (twin_space_id, thread_id, account_id) DO UPDATE
                SET last_read_number = GREATEST(forum_read_markers.last_read_number, excluded.last_read_number), last_visit_at = excluded.last_visit_at
                """, twinSpaceId, threadId, accountId, number, at);
            await upsert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    // The thread's own fields only: changing them is not a change of any post, so the thread's version stays.
    private Task<ForumThread?> ChangeThreadAsync(
        string twinSpaceId, string threadId, Func<ForumThread, ForumThread> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            if (await LockThreadAsync(connection, transaction, twinSpaceId, threadId, token).ConfigureAwait(false) is not { } thread) return null;
            var updated = change(thread).WithSortKey();
            await SaveThreadAsync(connection, transaction, twinSpaceId, updated, token).ConfigureAwait(false);
            if (updated.Deleted && !thread.Deleted)
            {
                await using var count = Command(connection, transaction,
                    "UPDATE forum_discussions SET thread_count = GREATEST(0, thread_count - 1) WHERE twin_space_id = $1 AND id = $2",
                    twinSpaceId, thread.DiscussionId);
                await count.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            return (ForumThread?)updated;
        }, cancellationToken);

    private static async Task<ForumThread?> LockThreadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, string threadId, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, transaction,
            $"SELECT {ThreadColumns} FROM forum_threads WHERE twin_space_id = $1 AND id = $2 FOR UPDATE", twinSpaceId, threadId);
        return await FirstOrDefaultAsync(select, ReadThread, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The post and its thread, with the thread's row locked (every change of a post takes that lock first).</summary>
    private static async Task<(ForumThread Thread, ForumPost Post)?> LockPostAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, string postId, CancellationToken cancellationToken)
    {
        // A post never moves to another thread, so its thread id can be read before the lock.
        string? threadId;
        await using (var owner = Command(connection, transaction, "SELECT thread_id FROM forum_posts WHERE twin_space_id = $1 AND id = $2", twinSpaceId, postId))
            threadId = await owner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (threadId is null || await LockThreadAsync(connection, transaction, twinSpaceId, threadId, cancellationToken).ConfigureAwait(false) is not { } thread)
            return null;
        // Read after the lock: this statement sees whatever the previous holder of the lock committed.
        await using var select = Command(connection, transaction, $"SELECT {PostColumns} FROM forum_posts WHERE twin_space_id = $1 AND id = $2", twinSpaceId, postId);
        return await FirstOrDefaultAsync(select, ReadPost, cancellationToken).ConfigureAwait(false) is { } post ? (thread, post) : null;
    }

    private static async Task<long> NextVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, ForumThread thread, CancellationToken cancellationToken)
    {
        await using var bump = Command(connection, transaction,
            "UPDATE forum_threads SET version = version + 1 WHERE twin_space_id = $1 AND id = $2 RETURNING version", twinSpaceId, thread.Id);
        return (long)(await bump.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task SaveThreadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, ForumThread thread, CancellationToken cancellationToken)
    {
        await using var update = Command(connection, transaction, """
            UPDATE forum_threads SET pinned = $3, locked = $4, deleted = $5, reply_count = $6, last_activity_at = $7, last_number = $8, version = $9
            WHERE twin_space_id = $1 AND id = $2
            """, twinSpaceId, thread.Id, thread.Pinned, thread.Locked, thread.Deleted, thread.ReplyCount, thread.LastActivityAt, thread.LastNumber,
            thread.Version);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertPostAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, ForumPost post, CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, transaction, $"""
            INSERT INTO forum_posts ({PostColumns}, twin_space_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text, $11, $12, $13::timestamptz, $14, $15, $16::text, $17::text, $18)
            """, post.Id, post.ThreadId, post.DiscussionId, post.Number, post.Version, post.AuthorId, post.AuthorName, post.Source, post.Html,
            post.QuotedPostId, TextArray(post.AttachmentIds), post.CreatedAt, post.EditedAt, post.LikeCount, post.State.ToString(),
            post.ModerationNote, post.ModeratedBy, twinSpaceId);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // What a replacement or a like may change; identity (thread, number, author, creation time, quoted post) stays.
    private static async Task UpdatePostAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, ForumPost post, CancellationToken cancellationToken)
    {
        await using var update = Command(connection, transaction, """
            UPDATE forum_posts SET source = $3, html = $4, attachment_ids = $5, edited_at = $6::timestamptz, like_count = $7, state = $8,
                moderation_note = $9::text, moderated_by = $10::text, version = $11
            WHERE twin_space_id = $1 AND id = $2
            """, twinSpaceId, post.Id, post.Source, post.Html, TextArray(post.AttachmentIds), post.EditedAt, post.LikeCount, post.State.ToString(),
            post.ModerationNote, post.ModeratedBy, post.Version);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<T?> FirstAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
        where T : class =>
        new(database.ReadAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null, sql, values);
            return await FirstOrDefaultAsync(command, read, token).ConfigureAwait(false);
        }, cancellationToken));

    private ValueTask<IReadOnlyList<T>> ListAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values) =>
        new(database.ReadAsync<IReadOnlyList<T>>(async (connection, token) =>
        {
            await using var command = Command(connection, null, sql, values);
            return await PostgresCommands.ListAsync(command, read, token).ConfigureAwait(false);
        }, cancellationToken));

    private ValueTask<int> CountAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        new(database.ReadAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null, sql, values);
            return (int)(long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
        }, cancellationToken));

    private static ForumDiscussion ReadDiscussion(DbDataReader row) => new()
    {
        Id = row.GetString(0), RoomId = row.NullableString(1), Title = row.GetString(2), DescriptionSource = row.GetString(3),
        DescriptionHtml = row.GetString(4), CreatedBy = row.GetString(5), CreatedByName = row.GetString(6), CreatedAt = row.GetDateTime(7),
        ThreadCount = row.GetInt32(8), LastActivityAt = row.GetDateTime(9),
    };

    private static ForumThread ReadThread(DbDataReader row) => new ForumThread
    {
        Id = row.GetString(0), DiscussionId = row.GetString(1), Title = row.GetString(2), AuthorId = row.GetString(3), AuthorName = row.GetString(4),
        CreatedAt = row.GetDateTime(5), Pinned = row.GetBoolean(6), Locked = row.GetBoolean(7), Deleted = row.GetBoolean(8),
        ReplyCount = row.GetInt32(9), LastActivityAt = row.GetDateTime(10), LastNumber = row.GetInt32(11), Version = row.GetInt64(12),
    }.WithSortKey();

    private static ForumPost ReadPost(DbDataReader row) => new()
    {
        Id = row.GetString(0), ThreadId = row.GetString(1), DiscussionId = row.GetString(2), Number = row.GetInt32(3), Version = row.GetInt64(4),
        AuthorId = row.GetString(5), AuthorName = row.GetString(6), Source = row.GetString(7), Html = row.GetString(8),
        QuotedPostId = row.NullableString(9), AttachmentIds = row.StringList(10), CreatedAt = row.GetDateTime(11), EditedAt = row.NullableUtc(12),
        LikeCount = row.GetInt32(13), State = Enum.Parse<ForumPostState>(row.GetString(14)), ModerationNote = row.NullableString(15),
        ModeratedBy = row.NullableString(16),
    };
}
