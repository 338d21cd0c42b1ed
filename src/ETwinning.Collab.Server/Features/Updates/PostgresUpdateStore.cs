using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>
/// Bulletin and journal entries of every TwinSpace in one table keyed by (TwinSpace, kind, sequence). An append first
/// locks its feed's counter row, so appends of one feed queue there on every node: the retry check then sees every
/// committed entry, and the next number is gap-free. A unique index on (TwinSpace, kind, author, client id) backs the
/// retry rule. Typed columns hold what SQL filters and compares (sequence, version, deletion, author, client id);
/// the rest of the entry is <c>doc</c>, and the columns are copied over it on read.
/// </summary>
public sealed partial class PostgresUpdateStore(PostgresDatabase database) : IUpdateStore
{
    public static readonly PostgresMigration[] Migrations =
    [
        new("updates", 1, """
            CREATE TABLE update_feeds (
                twinspace_id text NOT NULL,
                kind integer NOT NULL,
                last_sequence bigint NOT NULL,
                PRIMARY KEY (twinspace_id, kind));
            CREATE TABLE updates (
                twinspace_id text NOT NULL,
                kind integer NOT NULL,
                sequence bigint NOT NULL,
                author_id text NOT NULL,
                client_id text NOT NULL,
                version bigint NOT NULL,
                is_deleted boolean NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, kind, sequence),
                UNIQUE (twinspace_id, kind, author_id, client_id));
            """),
    ];

    private const string Columns = "doc, sequence, version, is_deleted";

    public Task<TwinSpaceUpdate> AppendAsync(TwinSpaceUpdate entry, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            // A no-op update that only takes the feed's row lock (creating the row on the feed's first entry).
            var last = await connection.ScalarAsync(transaction, """
                INSERT INTO update_feeds AS f (twinspace_id, kind, last_sequence) VALUES ($1, $2, 0)
                ON CONFLICT (twinspace_id, kind) DO UPDATE SET last_sequence = f.last_sequence
                RETURNING last_sequence
                """, [entry.TwinSpaceId, entry.Kind], 0L, token).ConfigureAwait(false);
            var retry = await connection.QueryFirstAsync(transaction, $"""
                SELECT {Columns} FROM updates WHERE twinspace_id = $1 AND kind = $2 AND author_id = $3 AND client_id = $4
                """, [entry.TwinSpaceId, entry.Kind, entry.AuthorId, entry.ClientId], Read, token).ConfigureAwait(false);
            if (retry is not null) return retry;
            var stored = entry with { Sequence = last + 1, Version = 1 };
            await connection.ExecuteAsync(transaction, "UPDATE update_feeds SET last_sequence = $3 WHERE twinspace_id = $1 AND kind = $2",
                [entry.TwinSpaceId, entry.Kind, stored.Sequence], token).ConfigureAwait(false);
            await connection.ExecuteAsync(transaction, $"""
                INSERT INTO updates (twinspace_id, kind, author_id, client_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, [stored.TwinSpaceId, stored.Kind, stored.AuthorId, stored.ClientId, PostgresDocument.Of(stored), stored.Sequence,
                    stored.Version, stored.IsDeleted], token).ConfigureAwait(false);
            return stored;
        }, cancellationToken);

    public ValueTask<TwinSpaceUpdate?> FindAsync(string twinSpaceId, UpdateKind kind, long sequence, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null,
            $"SELECT {Columns} FROM updates WHERE twinspace_id = $1 AND kind = $2 AND sequence = $3", [twinSpaceId, kind, sequence], Read, token),
            cancellationToken));

    public async ValueTask<IReadOnlyList<TwinSpaceUpdate>> ListAsync(
        string twinSpaceId, UpdateKind kind, long? beforeSequence, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null, $"""
            SELECT {Columns} FROM updates WHERE twinspace_id = $1 AND kind = $2 AND sequence < $3 AND NOT is_deleted
            ORDER BY sequence DESC LIMIT $4
            """, [twinSpaceId, kind, beforeSequence ?? long.MaxValue, limit], Read, token), cancellationToken).ConfigureAwait(false);

    // Compare-and-set in one statement: the version test and the write happen under the row's lock. The identity
    // (id, author, client id, creation time) is kept from the stored document, whatever the replacement says.
    public Task<TwinSpaceUpdate?> TryReplaceAsync(TwinSpaceUpdate updated, long expectedVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.QueryFirstAsync(transaction, $"""
            UPDATE updates SET
                version = version + 1,
                is_deleted = $5,
                doc = $6 || jsonb_build_object('Id', doc->'Id', 'AuthorId', doc->'AuthorId', 'ClientId', doc->'ClientId', 'CreatedAt', doc->'CreatedAt')
            WHERE twinspace_id = $1 AND kind = $2 AND sequence = $3 AND version = $4
            RETURNING {Columns}
            """, [updated.TwinSpaceId, updated.Kind, updated.Sequence, expectedVersion, updated.IsDeleted, PostgresDocument.Of(updated)],
            Read, token), cancellationToken);

    private static TwinSpaceUpdate Read(NpgsqlDataReader row) => PostgresDocument.Read<TwinSpaceUpdate>(row, 0) with
    {
        Sequence = row.GetInt64(1), Version = row.GetInt64(2), IsDeleted = row.GetBoolean(3),
    };
}
