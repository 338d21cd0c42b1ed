using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Albums and folders, materials and avatars of every TwinSpace, each table keyed by TwinSpace first. Materials keep
/// typed columns for what SQL sums, filters and compares (size for the quota, collection for the emptiness check,
/// version for compare-and-set); records are otherwise kept whole as <c>doc</c>. The checks that span many rows (the
/// quota sum, "is this folder empty") hold the TwinSpace's materials lock until the write commits, so two nodes can
/// not both pass a check that only one of them may pass.
/// </summary>
public sealed partial class PostgresMaterialStore(PostgresDatabase database) : IMaterialStore
{
    public static readonly PostgresMigration[] Migrations =
    [
        new("materials", 1, """
            CREATE TABLE material_collections (
                twinspace_id text NOT NULL,
                id text NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE TABLE materials (
                twinspace_id text NOT NULL,
                id text NOT NULL,
                collection_id text,
                size_bytes bigint NOT NULL,
                version bigint NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE INDEX materials_collection ON materials (twinspace_id, collection_id);
            CREATE TABLE member_avatars (
                twinspace_id text NOT NULL,
                account_id text NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, account_id));
            """),
    ];

    private const string SumSizes = "SELECT COALESCE(sum(size_bytes), 0)::bigint FROM materials WHERE twinspace_id = $1";

    public async ValueTask<IReadOnlyList<MaterialCollection>> CollectionsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null,
            "SELECT doc FROM material_collections WHERE twinspace_id = $1 ORDER BY id", [twinSpaceId],
            row => PostgresDocument.Read<MaterialCollection>(row, 0), token), cancellationToken).ConfigureAwait(false);

    public ValueTask<MaterialCollection?> FindCollectionAsync(string twinSpaceId, string collectionId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null,
            "SELECT doc FROM material_collections WHERE twinspace_id = $1 AND id = $2", [twinSpaceId, collectionId],
            row => PostgresDocument.Read<MaterialCollection>(row, 0), token), cancellationToken));

    public Task AddCollectionAsync(MaterialCollection collection, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "INSERT INTO material_collections (twinspace_id, id, doc) VALUES ($1, $2, $3)",
            [collection.TwinSpaceId, collection.Id, PostgresDocument.Of(collection)], token), cancellationToken);

    public async Task<bool> TryUpdateCollectionAsync(MaterialCollection collection, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "UPDATE material_collections SET doc = $3 WHERE twinspace_id = $1 AND id = $2",
            [collection.TwinSpaceId, collection.Id, PostgresDocument.Of(collection)], token), cancellationToken).ConfigureAwait(false) == 1;

    public Task<bool> TryDeleteCollectionAsync(string twinSpaceId, string collectionId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await LockAsync(connection, transaction, twinSpaceId, token).ConfigureAwait(false);
            return await connection.ExecuteAsync(transaction, """
                DELETE FROM material_collections WHERE twinspace_id = $1 AND id = $2
                AND NOT EXISTS (SELECT 1 FROM materials WHERE twinspace_id = $1 AND collection_id = $2)
                """, [twinSpaceId, collectionId], token).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public async ValueTask<IReadOnlyList<Material>> MaterialsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null,
            "SELECT doc, version FROM materials WHERE twinspace_id = $1 ORDER BY id", [twinSpaceId], ReadMaterial, token),
            cancellationToken).ConfigureAwait(false);

    public ValueTask<Material?> FindAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null,
            "SELECT doc, version FROM materials WHERE twinspace_id = $1 AND id = $2", [twinSpaceId, materialId], ReadMaterial, token),
            cancellationToken));

    public async ValueTask<long> UsedBytesAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.ScalarAsync(null, SumSizes, [twinSpaceId], 0L, token), cancellationToken)
            .ConfigureAwait(false);

    public Task<bool> TryAddAsync(Material material, long quotaBytes, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await LockAsync(connection, transaction, material.TwinSpaceId, token).ConfigureAwait(false);
            var used = await connection.ScalarAsync(transaction, SumSizes, [material.TwinSpaceId], 0L, token).ConfigureAwait(false);
            if (used + material.SizeBytes > quotaBytes) return false;
            var stored = material with { Version = 1 };
            await connection.ExecuteAsync(transaction, """
                INSERT INTO materials (twinspace_id, id, collection_id, size_bytes, version, doc) VALUES ($1, $2, $3, $4, $5, $6)
                """, [stored.TwinSpaceId, stored.Id, stored.CollectionId, stored.SizeBytes, stored.Version, PostgresDocument.Of(stored)],
                token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    // Compare-and-set in one statement under the row's lock; the identity is kept from the stored document. The
    // materials lock is held too, since a replace may move the material into a folder that is being deleted.
    public Task<Material?> TryReplaceAsync(Material replacement, long expectedVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await LockAsync(connection, transaction, replacement.TwinSpaceId, token).ConfigureAwait(false);
            return await connection.QueryFirstAsync(transaction, """
                UPDATE materials SET
                    version = version + 1,
                    collection_id = $4,
                    size_bytes = $5,
                    doc = $6 || jsonb_build_object(
                        'Kind', doc->'Kind', 'UploadedBy', doc->'UploadedBy', 'UploaderName', doc->'UploaderName', 'UploadedAt', doc->'UploadedAt')
                WHERE twinspace_id = $1 AND id = $2 AND version = $3
                RETURNING doc, version
                """, [replacement.TwinSpaceId, replacement.Id, expectedVersion, replacement.CollectionId, replacement.SizeBytes,
                    PostgresDocument.Of(replacement)], ReadMaterial, token).ConfigureAwait(false);
        }, cancellationToken);

    public Task<Material?> DeleteAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.QueryFirstAsync(transaction,
            "DELETE FROM materials WHERE twinspace_id = $1 AND id = $2 RETURNING doc, version", [twinSpaceId, materialId], ReadMaterial, token),
            cancellationToken);

    public ValueTask<MemberAvatar?> FindAvatarAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null,
            "SELECT doc FROM member_avatars WHERE twinspace_id = $1 AND account_id = $2", [twinSpaceId, accountId], ReadAvatar, token),
            cancellationToken));

    public Task<MemberAvatar?> SetAvatarAsync(string twinSpaceId, string accountId, MemberAvatar? avatar, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            // Two first avatars set at once on two nodes both find no row to lock; this lock makes the second see the first,
            // so the replaced one is always returned and its blob released.
            await connection.LockAsync(transaction, $"avatars/{twinSpaceId}/{accountId}", token).ConfigureAwait(false);
            var previous = await connection.QueryFirstAsync(transaction,
                "SELECT doc FROM member_avatars WHERE twinspace_id = $1 AND account_id = $2", [twinSpaceId, accountId], ReadAvatar, token)
                .ConfigureAwait(false);
            if (avatar is null)
                await connection.ExecuteAsync(transaction, "DELETE FROM member_avatars WHERE twinspace_id = $1 AND account_id = $2",
                    [twinSpaceId, accountId], token).ConfigureAwait(false);
            else
                await connection.ExecuteAsync(transaction, """
                    INSERT INTO member_avatars (twinspace_id, account_id, doc) VALUES ($1, $2, $3)
                    ON CONFLICT (twinspace_id, account_id) DO UPDATE SET doc = excluded.doc
                    """, [twinSpaceId, accountId, PostgresDocument.Of(avatar with { Id = accountId })], token).ConfigureAwait(false);
            return previous;
        }, cancellationToken);

    public async ValueTask<IReadOnlyList<MemberAvatar>> AvatarsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null,
            "SELECT doc FROM member_avatars WHERE twinspace_id = $1 ORDER BY account_id", [twinSpaceId], ReadAvatar, token),
            cancellationToken).ConfigureAwait(false);

    private static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, CancellationToken cancellationToken) =>
        connection.LockAsync(transaction, $"materials/{twinSpaceId}", cancellationToken);

    private static Material ReadMaterial(NpgsqlDataReader row) => PostgresDocument.Read<Material>(row, 0) with { Version = row.GetInt64(1) };

    private static MemberAvatar ReadAvatar(NpgsqlDataReader row) => PostgresDocument.Read<MemberAvatar>(row, 0);
}
