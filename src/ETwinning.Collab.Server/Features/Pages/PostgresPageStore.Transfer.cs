using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using static ETwinning.Collab.Server.Infrastructure.Storage.Postgres.PostgresCommands;

namespace ETwinning.Collab.Server.Features.Pages;

public sealed partial class PostgresPageStore : IStoreTransfer
{
    string IStoreTransfer.Feature => PageTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in database.QueryAllAsync($"SELECT {PageColumns} FROM pages ORDER BY twin_space_id, id", ReadPage, cancellationToken)
            .ConfigureAwait(false))
            yield return new(PageTransfer.Page, page.TwinSpaceId, page);
        await foreach (var record in database.QueryAllAsync(
            "SELECT twin_space_id, page_id, last_sequence, compacted_through, snapshot FROM page_heads ORDER BY twin_space_id, page_id",
            row => new StoredRecord(PageTransfer.Head, row.GetString(0), new PageDocumentHead
            {
                Id = row.GetString(1), LastSequence = row.GetInt64(2), CompactedThrough = row.GetInt64(3), Snapshot = row.GetFieldValue<byte[]>(4),
            }), cancellationToken).ConfigureAwait(false))
            yield return record;
        await foreach (var record in database.QueryAllAsync(
            "SELECT twin_space_id, page_id, sequence, update, created_at FROM page_updates ORDER BY twin_space_id, page_id, sequence",
            row => new StoredRecord(PageTransfer.Update, row.GetString(0), new PageUpdateRecord
            {
                Id = PageUpdateRecord.KeyOf(row.GetString(1), row.GetInt64(2)), PageId = row.GetString(1), Sequence = row.GetInt64(2),
                Update = row.GetFieldValue<byte[]>(3), CreatedAt = row.GetDateTime(4),
            }), cancellationToken).ConfigureAwait(false))
            yield return record;
        await foreach (var record in database.QueryAllAsync($"SELECT {VersionColumns}, twin_space_id FROM page_versions ORDER BY twin_space_id, id",
            row => new StoredRecord(PageTransfer.Version, row.GetString(7), ReadVersion(row)), cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                var twinSpaceId = record.RequireTwinSpace();
                await using var command = record.Record switch
                {
                    Page page when record.Kind == PageTransfer.Page => Command(connection, transaction, $"""
                        INSERT INTO pages ({PageColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        ON CONFLICT (twin_space_id, id) DO UPDATE SET parent_id = excluded.parent_id, position = excluded.position,
                            title = excluded.title, description = excluded.description, is_published = excluded.is_published,
                            visibility = excluded.visibility, created_by = excluded.created_by, editor_ids = excluded.editor_ids,
                            editor_team_ids = excluded.editor_team_ids, deleted_at = excluded.deleted_at, created_at = excluded.created_at,
                            updated_at = excluded.updated_at
                        """, PageValues(page)),
                    // The head is the page's update counter: it never goes back, so appends continue after the imported log.
                    PageDocumentHead head when record.Kind == PageTransfer.Head => Command(connection, transaction, """
                        INSERT INTO page_heads (twin_space_id, page_id, last_sequence, compacted_through, snapshot) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (twin_space_id, page_id) DO UPDATE SET last_sequence = GREATEST(page_heads.last_sequence, excluded.last_sequence),
                            compacted_through = excluded.compacted_through, snapshot = excluded.snapshot
                        """, twinSpaceId, head.Id, head.LastSequence, head.CompactedThrough, head.Snapshot),
                    PageUpdateRecord update when record.Kind == PageTransfer.Update => Command(connection, transaction, """
                        INSERT INTO page_updates (twin_space_id, page_id, sequence, update, created_at) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (twin_space_id, page_id, sequence) DO UPDATE SET update = excluded.update, created_at = excluded.created_at
                        """, twinSpaceId, update.PageId, update.Sequence, update.Update, update.CreatedAt),
                    PageVersion version when record.Kind == PageTransfer.Version => Command(connection, transaction, $"""
                        INSERT INTO page_versions ({VersionColumns}, twin_space_id) VALUES ($1, $2, $3::text, $4, $5::text, $6, $7, $8)
                        ON CONFLICT (twin_space_id, id) DO UPDATE SET page_id = excluded.page_id, name = excluded.name,
                            is_automatic = excluded.is_automatic, created_by = excluded.created_by, created_at = excluded.created_at,
                            content = excluded.content
                        """, version.Id, version.PageId, version.Name, version.IsAutomatic, version.CreatedBy, version.CreatedAt, version.Content, twinSpaceId),
                    _ => throw record.NotOf(PageTransfer.Feature),
                };
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        }, cancellationToken);
}
