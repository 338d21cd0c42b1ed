using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>
/// Word lists, review items and mutes of every TwinSpace, each table keyed by TwinSpace first. A partial unique index
/// allows one open review item per piece of content and TwinSpace, so reports arriving on several nodes at once merge
/// into one item: the loser of the insert waits for the winner's commit and then merges into it. Review items keep
/// typed columns for what the queue filters and orders by (content key and kind, state, creation time); records are
/// otherwise kept whole as <c>doc</c>. Mutes are read from the database on every check (no copy in memory), so a mute
/// set on one node holds on every node at once.
/// </summary>
public sealed partial class PostgresModerationStore(PostgresDatabase database) : IModerationStore
{
    private const int Open = (int)ReviewState.Open;
    // A report that loses the race for the open item merges on the next attempt; a third means something else is wrong.
    private const int MaxMergeAttempts = 3;

    public static readonly PostgresMigration[] Migrations =
    [
        new("moderation", 1, $"""
            CREATE TABLE moderation_word_lists (
                twinspace_id text PRIMARY KEY,
                rules jsonb NOT NULL);
            CREATE TABLE moderation_reviews (
                twinspace_id text NOT NULL,
                id text NOT NULL,
                content_key text NOT NULL,
                content_kind text NOT NULL,
                state integer NOT NULL,
                created_at timestamptz NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE UNIQUE INDEX moderation_reviews_open ON moderation_reviews (twinspace_id, content_key) WHERE state = {Open};
            CREATE INDEX moderation_reviews_queue ON moderation_reviews (twinspace_id, created_at);
            CREATE TABLE moderation_mutes (
                twinspace_id text NOT NULL,
                id text NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            """),
    ];

    public async ValueTask<IReadOnlyList<WordFilterRule>> WordListAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryFirstAsync(null,
            "SELECT rules FROM moderation_word_lists WHERE twinspace_id = $1", [twinSpaceId],
            row => PostgresDocument.Read<List<WordFilterRule>>(row, 0), token), cancellationToken).ConfigureAwait(false) ?? [];

    public Task SetWordListAsync(string twinSpaceId, IReadOnlyList<WordFilterRule> rules, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction, """
            INSERT INTO moderation_word_lists (twinspace_id, rules) VALUES ($1, $2)
            ON CONFLICT (twinspace_id) DO UPDATE SET rules = excluded.rules
            """, [twinSpaceId, PostgresDocument.Of(rules)], token), cancellationToken);

    public Task<ReviewItem> AddOrMergeReviewItemAsync(string twinSpaceId, ReviewItem item, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            for (var attempt = 1; attempt <= MaxMergeAttempts; attempt++)
            {
                var open = await connection.QueryFirstAsync(transaction, $"""
                    SELECT doc FROM moderation_reviews WHERE twinspace_id = $1 AND content_key = $2 AND state = {Open} FOR UPDATE
                    """, [twinSpaceId, item.ContentKey], ReadItem, token).ConfigureAwait(false);
                if (open is not null)
                {
                    var merged = open with
                    {
                        Reports = [.. open.Reports, .. item.Reports.Where((_, i) => !open.ReporterIds.Contains(item.ReporterIds[i]))],
                        ReporterIds = [.. open.ReporterIds, .. item.ReporterIds.Where(id => !open.ReporterIds.Contains(id))],
                    };
                    await connection.ExecuteAsync(transaction, "UPDATE moderation_reviews SET doc = $3 WHERE twinspace_id = $1 AND id = $2",
                        [twinSpaceId, open.Id, PostgresDocument.Of(merged)], token).ConfigureAwait(false);
                    return merged;
                }
                var inserted = await connection.ExecuteAsync(transaction, $"""
                    INSERT INTO moderation_reviews (twinspace_id, id, content_key, content_kind, state, created_at, doc)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (twinspace_id, content_key) WHERE state = {Open} DO NOTHING
                    """, ItemArguments(twinSpaceId, item), token).ConfigureAwait(false);
                if (inserted == 1) return item;
            }
            throw new InvalidOperationException($"The open review item of {item.ContentKey} kept changing while a report merged into it.");
        }, cancellationToken);

    public ValueTask<ReviewItem?> FindReviewItemAsync(string twinSpaceId, string itemId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null,
            "SELECT doc FROM moderation_reviews WHERE twinspace_id = $1 AND id = $2", [twinSpaceId, itemId], ReadItem, token), cancellationToken));

    public async ValueTask<bool> HasOpenReviewItemAsync(string twinSpaceId, string contentKey, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.ScalarAsync(null, $"""
            SELECT EXISTS (SELECT 1 FROM moderation_reviews WHERE twinspace_id = $1 AND content_key = $2 AND state = {Open})
            """, [twinSpaceId, contentKey], false, token), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<ReviewItem>> ReviewItemsAsync(
        string twinSpaceId, string? contentKind, bool openOnly, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null, $"""
            SELECT doc FROM moderation_reviews
            WHERE twinspace_id = $1 AND ($2::text IS NULL OR content_kind = $2) AND (NOT $3 OR state = {Open})
            ORDER BY created_at, id LIMIT $4
            """, [twinSpaceId, contentKind, openOnly, limit], ReadItem, token), cancellationToken).ConfigureAwait(false);

    // Compare-and-set on the state: the test and the write are one statement under the row's lock.
    public async Task<bool> TryResolveReviewItemAsync(string twinSpaceId, ReviewItem resolved, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction, $"""
            UPDATE moderation_reviews SET content_key = $3, content_kind = $4, state = $5, created_at = $6, doc = $7
            WHERE twinspace_id = $1 AND id = $2 AND state = {Open}
            """, ItemArguments(twinSpaceId, resolved), token), cancellationToken).ConfigureAwait(false) == 1;

    public Task SetMuteAsync(string twinSpaceId, Mute mute, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction, """
            INSERT INTO moderation_mutes (twinspace_id, id, doc) VALUES ($1, $2, $3)
            ON CONFLICT (twinspace_id, id) DO UPDATE SET doc = excluded.doc
            """, [twinSpaceId, mute.Id, PostgresDocument.Of(mute)], token), cancellationToken);

    public Task RemoveMuteAsync(string twinSpaceId, string scope, string accountId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "DELETE FROM moderation_mutes WHERE twinspace_id = $1 AND id = $2", [twinSpaceId, Mute.KeyOf(scope, accountId)], token),
            cancellationToken);

    public ValueTask<Mute?> FindMuteAsync(string twinSpaceId, string scope, string accountId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null,
            "SELECT doc FROM moderation_mutes WHERE twinspace_id = $1 AND id = $2", [twinSpaceId, Mute.KeyOf(scope, accountId)],
            row => PostgresDocument.Read<Mute>(row, 0), token), cancellationToken));

    public async ValueTask<IReadOnlyList<Mute>> MutesAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null,
            "SELECT doc FROM moderation_mutes WHERE twinspace_id = $1 ORDER BY id", [twinSpaceId],
            row => PostgresDocument.Read<Mute>(row, 0), token), cancellationToken).ConfigureAwait(false);

    private static object?[] ItemArguments(string twinSpaceId, ReviewItem item) =>
        [twinSpaceId, item.Id, item.ContentKey, item.ContentKind, item.State, item.CreatedAt, PostgresDocument.Of(item)];

    private static ReviewItem ReadItem(NpgsqlDataReader row) => PostgresDocument.Read<ReviewItem>(row, 0);
}
