using System.Data.Common;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;
using static ETwinning.Collab.Server.Infrastructure.Storage.Postgres.PostgresCommands;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Pages and their bodies in the cluster's shared database. A page's head row (created by its first update) is the
/// counter of its update log: an append moves it with <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c> and stores
/// the entry in the same statement, inside the engine's batch transaction, so appends on every node queue on the row
/// lock and get 1, 2, 3... without a gap. Compaction is one write that locks the same row, checks the expected
/// <c>compacted_through</c>, and replaces the snapshot and deletes the covered entries together.
/// The page list is read from the database every time: another node may have changed it, so nothing is cached here.
/// </summary>
public sealed partial class PostgresPageStore(PostgresDatabase database) : IPageStore
{
    public const string Feature = "pages";

    public static readonly PostgresMigration[] Migrations =
    [
        new(Feature, 1, """
            CREATE TABLE pages (
                twin_space_id text NOT NULL,
                id text NOT NULL,
                parent_id text,
                position integer NOT NULL,
                title text NOT NULL,
                description text NOT NULL,
                is_published boolean NOT NULL,
                visibility text NOT NULL,
                created_by text NOT NULL,
                editor_ids text[] NOT NULL,
                editor_team_ids text[] NOT NULL,
                deleted_at timestamptz,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (twin_space_id, id));
            CREATE TABLE page_heads (
                twin_space_id text NOT NULL,
                page_id text NOT NULL,
                last_sequence bigint NOT NULL,
                compacted_through bigint NOT NULL DEFAULT 0,
                snapshot bytea NOT NULL DEFAULT '',
                PRIMARY KEY (twin_space_id, page_id));
            CREATE TABLE page_updates (
                twin_space_id text NOT NULL,
                page_id text NOT NULL,
                sequence bigint NOT NULL,
                update bytea NOT NULL,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (twin_space_id, page_id, sequence));
            CREATE TABLE page_versions (
                twin_space_id text NOT NULL,
                id text NOT NULL,
                page_id text NOT NULL,
                name text,
                is_automatic boolean NOT NULL,
                created_by text,
                created_at timestamptz NOT NULL,
                content bytea NOT NULL,
                PRIMARY KEY (twin_space_id, id));
            CREATE INDEX page_versions_of_page ON page_versions (twin_space_id, page_id, is_automatic, created_at);
            """),
    ];

    private const string PageColumns = """
        id, twin_space_id, parent_id, position, title, description, is_published, visibility, created_by, editor_ids, editor_team_ids,
        deleted_at, created_at, updated_at
        """;

    private const string VersionColumns = "id, page_id, name, is_automatic, created_by, created_at, content";

    public ValueTask<IReadOnlyList<Page>> PagesAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ListAsync($"SELECT {PageColumns} FROM pages WHERE twin_space_id = $1 ORDER BY id", ReadPage, cancellationToken, twinSpaceId);

    public ValueTask<Page?> FindAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default) =>
        FirstAsync($"SELECT {PageColumns} FROM pages WHERE twin_space_id = $1 AND id = $2", ReadPage, cancellationToken, twinSpaceId, pageId);

    public Task AddAsync(Page page, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var insert = Command(connection, transaction, $"""
                INSERT INTO pages ({PageColumns}) VALUES ($1, $2, $3::text, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $13, $14)
                """, PageValues(page));
            await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    public Task UpdateAsync(Page page, CancellationToken cancellationToken = default) =>
        UpdateManyAsync(page.TwinSpaceId, [page], cancellationToken);

    public Task UpdateManyAsync(string twinSpaceId, IReadOnlyCollection<Page> pages, CancellationToken cancellationToken = default) =>
        // One write, so one transaction: readers see every page of a move changed or none.
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var page in pages)
            {
                var update = new NpgsqlBatchCommand("""
                    UPDATE pages SET parent_id = $3::text, position = $4, title = $5, description = $6, is_published = $7, visibility = $8,
                        created_by = $9, editor_ids = $10, editor_team_ids = $11, deleted_at = $12::timestamptz, created_at = $13, updated_at = $14
                    WHERE id = $1 AND twin_space_id = $2
                    """);
                foreach (var value in PageValues(page with { TwinSpaceId = twinSpaceId }))
                    update.Parameters.Add(Parameter(value));
                batch.BatchCommands.Add(update);
            }
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    public ValueTask<PageDocumentHead?> HeadAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default) =>
        FirstAsync("SELECT page_id, last_sequence, compacted_through, snapshot FROM page_heads WHERE twin_space_id = $1 AND page_id = $2",
            row => new PageDocumentHead
            {
                Id = row.GetString(0), LastSequence = row.GetInt64(1), CompactedThrough = row.GetInt64(2), Snapshot = row.GetFieldValue<byte[]>(3),
            }, cancellationToken, twinSpaceId, pageId);

    public ValueTask<IReadOnlyList<PageUpdateRecord>> LogAsync(
        string twinSpaceId, string pageId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        ListAsync("""
            SELECT page_id, sequence, update, created_at FROM page_updates
            WHERE twin_space_id = $1 AND page_id = $2 AND sequence > $3 ORDER BY sequence
            """, row => new PageUpdateRecord
        {
            Id = PageUpdateRecord.KeyOf(row.GetString(0), row.GetInt64(1)), PageId = row.GetString(0), Sequence = row.GetInt64(1),
            Update = row.GetFieldValue<byte[]>(2), CreatedAt = row.GetDateTime(3),
        }, cancellationToken, twinSpaceId, pageId, afterSequence);

    public Task<long> AppendAsync(string twinSpaceId, string pageId, byte[] update, DateTime at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(new PostgresBatchableStatement("""
            WITH head AS (
                INSERT INTO page_heads (twin_space_id, page_id, last_sequence) VALUES ($1, $2, 1)
                ON CONFLICT (twin_space_id, page_id) DO UPDATE SET last_sequence = page_heads.last_sequence + 1
                RETURNING last_sequence)
            INSERT INTO page_updates (twin_space_id, page_id, sequence, update, created_at)
            SELECT $1, $2, last_sequence, $3, $4 FROM head
            RETURNING sequence
            """, twinSpaceId, pageId, update, at),
            async (row, token) => await row.ReadAsync(token).ConfigureAwait(false) ? row.GetInt64(0) : throw new InvalidOperationException("The append stored nothing."),
            cancellationToken);

    public Task<bool> TryReplaceSnapshotAsync(string twinSpaceId, string pageId, byte[] snapshot, long compactedThrough,
        long expectedCompactedThrough, CancellationToken cancellationToken = default) =>
        // Plain data only: the snapshot was built (and merged, where needed) by the caller, before this write.
        database.WriteAsync(async (connection, transaction, token) =>
        {
            // The head row is locked first, so a compaction on another node waits and then sees this one's result.
            long current;
            await using (var head = Command(connection, transaction,
                "SELECT compacted_through FROM page_heads WHERE twin_space_id = $1 AND page_id = $2 FOR UPDATE", twinSpaceId, pageId))
                current = await head.ExecuteScalarAsync(token).ConfigureAwait(false) as long? ?? 0;
            if (current != expectedCompactedThrough || compactedThrough <= current) return false;
            // A head that did not exist yet cannot be locked: if another node created it meanwhile, its condition decides.
            await using (var replace = Command(connection, transaction, """
                INSERT INTO page_heads (twin_space_id, page_id, last_sequence, compacted_through, snapshot) VALUES ($1, $2, $4, $4, $3)
                ON CONFLICT (twin_space_id, page_id) DO UPDATE
                SET snapshot = excluded.snapshot, compacted_through = excluded.compacted_through,
                    last_sequence = GREATEST(page_heads.last_sequence, excluded.last_sequence)
                WHERE page_heads.compacted_through = $5
                """, twinSpaceId, pageId, snapshot, compactedThrough, expectedCompactedThrough))
            {
                if (await replace.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0) return false;
            }
            await using var compact = Command(connection, transaction,
                "DELETE FROM page_updates WHERE twin_space_id = $1 AND page_id = $2 AND sequence <= $3", twinSpaceId, pageId, compactedThrough);
            await compact.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task AddVersionAsync(string twinSpaceId, PageVersion version, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => InsertVersionAsync(connection, transaction, twinSpaceId, version, token), cancellationToken);

    public Task AddAutomaticVersionAsync(string twinSpaceId, PageVersion version, int keep, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await InsertVersionAsync(connection, transaction, twinSpaceId, version, token).ConfigureAwait(false);
            // Newest first, the one just added ahead of an older one of the same time, as the embedded store orders them.
            await using var prune = Command(connection, transaction, """
                DELETE FROM page_versions WHERE twin_space_id = $1 AND id IN (
                    SELECT id FROM page_versions WHERE twin_space_id = $1 AND page_id = $2 AND is_automatic
                    ORDER BY created_at DESC, (id = $3) DESC OFFSET $4)
                """, twinSpaceId, version.PageId, version.Id, keep);
            await prune.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    public ValueTask<IReadOnlyList<PageVersion>> VersionsAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default) =>
        ListAsync($"SELECT {VersionColumns} FROM page_versions WHERE twin_space_id = $1 AND page_id = $2", ReadVersion, cancellationToken, twinSpaceId, pageId);

    public ValueTask<PageVersion?> FindVersionAsync(string twinSpaceId, string pageId, string versionId, CancellationToken cancellationToken = default) =>
        FirstAsync($"SELECT {VersionColumns} FROM page_versions WHERE twin_space_id = $1 AND id = $2 AND page_id = $3", ReadVersion, cancellationToken,
            twinSpaceId, versionId, pageId);

    private static async Task InsertVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, PageVersion version, CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, transaction, $"""
            INSERT INTO page_versions ({VersionColumns}, twin_space_id) VALUES ($1, $2, $3::text, $4, $5::text, $6, $7, $8)
            """, version.Id, version.PageId, version.Name, version.IsAutomatic, version.CreatedBy, version.CreatedAt, version.Content, twinSpaceId);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object?[] PageValues(Page page) =>
    [
        page.Id, page.TwinSpaceId, page.ParentId, page.Position, page.Title, page.Description, page.IsPublished, page.Visibility.ToString(),
        page.CreatedBy, TextArray(page.EditorIds), TextArray(page.EditorTeamIds), page.DeletedAt, page.CreatedAt, page.UpdatedAt,
    ];

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

    private static Page ReadPage(DbDataReader row) => new()
    {
        Id = row.GetString(0), TwinSpaceId = row.GetString(1), ParentId = row.NullableString(2), Position = row.GetInt32(3), Title = row.GetString(4),
        Description = row.GetString(5), IsPublished = row.GetBoolean(6), Visibility = Enum.Parse<PageVisibility>(row.GetString(7)),
        CreatedBy = row.GetString(8), EditorIds = row.StringList(9), EditorTeamIds = row.StringList(10), DeletedAt = row.NullableUtc(11),
        CreatedAt = row.GetDateTime(12), UpdatedAt = row.GetDateTime(13),
    };

    private static PageVersion ReadVersion(DbDataReader row) => new()
    {
        Id = row.GetString(0), PageId = row.GetString(1), Name = row.NullableString(2), IsAutomatic = row.GetBoolean(3),
        CreatedBy = row.NullableString(4), CreatedAt = row.GetDateTime(5), Content = row.GetFieldValue<byte[]>(6),
    };
}
