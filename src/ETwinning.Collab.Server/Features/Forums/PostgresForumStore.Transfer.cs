using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using static ETwinning.Collab.Server.Infrastructure.Storage.Postgres.PostgresCommands;

namespace ETwinning.Collab.Server.Features.Forums;

public sealed partial class PostgresForumStore : IStoreTransfer
{
    string IStoreTransfer.Feature => ForumTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new($"SELECT {DiscussionColumns}, twin_space_id FROM forum_discussions ORDER BY twin_space_id, id",
            row => new(ForumTransfer.Discussion, row.GetString(10), ReadDiscussion(row))),
        new($"SELECT {ThreadColumns}, twin_space_id FROM forum_threads ORDER BY twin_space_id, id",
            row => new(ForumTransfer.Thread, row.GetString(13), ReadThread(row) with { SortKey = "" })),
        new($"SELECT {PostColumns}, twin_space_id FROM forum_posts ORDER BY twin_space_id, id",
            row => new(ForumTransfer.Post, row.GetString(17), ReadPost(row))),
        new("""
            SELECT twin_space_id, post_id, source, html, edited_at, edited_by, edited_by_name FROM forum_revisions ORDER BY twin_space_id, id
            """, row => new(ForumTransfer.Revision, row.GetString(0), new ForumPostRevision
            {
                PostId = row.GetString(1), Source = row.GetString(2), Html = row.GetString(3), EditedAt = row.GetDateTime(4), EditedBy = row.GetString(5),
                EditedByName = row.GetString(6),
            })),
        new("SELECT twin_space_id, post_id, account_id, at FROM forum_likes ORDER BY twin_space_id, post_id, account_id",
            row => new(ForumTransfer.Like, row.GetString(0), new ForumLike
            {
                Id = ForumLike.KeyOf(row.GetString(1), row.GetString(2)), PostId = row.GetString(1), AccountId = row.GetString(2), At = row.GetDateTime(3),
            })),
        new("""
            SELECT twin_space_id, thread_id, account_id, last_read_number, last_visit_at FROM forum_read_markers ORDER BY twin_space_id, thread_id, account_id
            """, row => new(ForumTransfer.ReadMarker, row.GetString(0), new ForumReadMarker
            {
                Id = ForumReadMarker.KeyOf(row.GetString(1), row.GetString(2)), ThreadId = row.GetString(1), AccountId = row.GetString(2),
                LastReadNumber = row.GetInt32(3), LastVisitAt = row.GetDateTime(4),
            })),
    ], cancellationToken);

    // A thread row carries its counters (last number, version), so the next reply continues from the imported thread.
    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record =>
        {
            var twinSpaceId = record.RequireTwinSpace();
            return record.Record switch
            {
                ForumDiscussion d when record.Kind == ForumTransfer.Discussion => new($"""
                    INSERT INTO forum_discussions ({DiscussionColumns}, twin_space_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    ON CONFLICT (twin_space_id, id) DO UPDATE SET room_id = excluded.room_id, title = excluded.title,
                        description_source = excluded.description_source, description_html = excluded.description_html,
                        created_by = excluded.created_by, created_by_name = excluded.created_by_name, created_at = excluded.created_at,
                        thread_count = excluded.thread_count, last_activity_at = excluded.last_activity_at
                    """, d.Id, d.RoomId, d.Title, d.DescriptionSource, d.DescriptionHtml, d.CreatedBy, d.CreatedByName, d.CreatedAt, d.ThreadCount,
                    d.LastActivityAt, twinSpaceId),
                ForumThread t when record.Kind == ForumTransfer.Thread => new($"""
                    INSERT INTO forum_threads ({ThreadColumns}, twin_space_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                    ON CONFLICT (twin_space_id, id) DO UPDATE SET discussion_id = excluded.discussion_id, title = excluded.title,
                        author_id = excluded.author_id, author_name = excluded.author_name, created_at = excluded.created_at, pinned = excluded.pinned,
                        locked = excluded.locked, deleted = excluded.deleted, reply_count = excluded.reply_count,
                        last_activity_at = excluded.last_activity_at, last_number = excluded.last_number, version = excluded.version
                    """, t.Id, t.DiscussionId, t.Title, t.AuthorId, t.AuthorName, t.CreatedAt, t.Pinned, t.Locked, t.Deleted, t.ReplyCount,
                    t.LastActivityAt, t.LastNumber, t.Version, twinSpaceId),
                ForumPost p when record.Kind == ForumTransfer.Post => new($"""
                    INSERT INTO forum_posts ({PostColumns}, twin_space_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                    ON CONFLICT (twin_space_id, id) DO UPDATE SET thread_id = excluded.thread_id, discussion_id = excluded.discussion_id,
                        number = excluded.number, version = excluded.version, author_id = excluded.author_id, author_name = excluded.author_name,
                        source = excluded.source, html = excluded.html, quoted_post_id = excluded.quoted_post_id,
                        attachment_ids = excluded.attachment_ids, created_at = excluded.created_at, edited_at = excluded.edited_at,
                        like_count = excluded.like_count, state = excluded.state, moderation_note = excluded.moderation_note,
                        moderated_by = excluded.moderated_by
                    """, p.Id, p.ThreadId, p.DiscussionId, p.Number, p.Version, p.AuthorId, p.AuthorName, p.Source, p.Html, p.QuotedPostId,
                    TextArray(p.AttachmentIds), p.CreatedAt, p.EditedAt, p.LikeCount, p.State.ToString(), p.ModerationNote, p.ModeratedBy, twinSpaceId),
                // Revisions have no key of their own across providers: one with the same post, time and text is the same one.
                ForumPostRevision r when record.Kind == ForumTransfer.Revision => new("""
                    INSERT INTO forum_revisions (twin_space_id, post_id, source, html, edited_at, edited_by, edited_by_name)
                    SELECT $1, $2, $3, $4, $5, $6, $7
                    WHERE NOT EXISTS (SELECT 1 FROM forum_revisions
                        WHERE twin_space_id = $1 AND post_id = $2 AND edited_at = $5 AND source = $3)
                    """, twinSpaceId, r.PostId, r.Source, r.Html, r.EditedAt, r.EditedBy, r.EditedByName),
                ForumLike l when record.Kind == ForumTransfer.Like => new("""
                    INSERT INTO forum_likes (twin_space_id, post_id, account_id, at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (twin_space_id, post_id, account_id) DO UPDATE SET at = excluded.at
                    """, twinSpaceId, l.PostId, l.AccountId, l.At),
                ForumReadMarker m when record.Kind == ForumTransfer.ReadMarker => new("""
                    INSERT INTO forum_read_markers (twin_space_id, thread_id, account_id, last_read_number, last_visit_at) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (twin_space_id, thread_id, account_id) DO UPDATE SET last_read_number = excluded.last_read_number,
                        last_visit_at = excluded.last_visit_at
                    """, twinSpaceId, m.ThreadId, m.AccountId, m.LastReadNumber, m.LastVisitAt),
                _ => throw record.NotOf(ForumTransfer.Feature),
            };
        }, cancellationToken);
}
