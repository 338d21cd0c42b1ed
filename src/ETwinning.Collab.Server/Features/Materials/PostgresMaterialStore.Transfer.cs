using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Materials;

public sealed partial class PostgresMaterialStore : IStoreTransfer
{
    public string Feature => MaterialTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in database.QueryAllAsync("SELECT twinspace_id, doc FROM material_collections ORDER BY twinspace_id, id",
            row => new StoredRecord(MaterialTransfer.Collection, row.GetString(0), PostgresDocument.Read<MaterialCollection>(row, 1)), cancellationToken)
            .ConfigureAwait(false))
            yield return record;
        await foreach (var material in database.QueryAllAsync("SELECT doc, version FROM materials ORDER BY twinspace_id, id", ReadMaterial, cancellationToken)
            .ConfigureAwait(false))
            yield return new(MaterialTransfer.Material, material.TwinSpaceId, material);
        await foreach (var record in database.QueryAllAsync("SELECT twinspace_id, doc FROM member_avatars ORDER BY twinspace_id, account_id",
            row => new StoredRecord(MaterialTransfer.Avatar, row.GetString(0), PostgresDocument.Read<MemberAvatar>(row, 1)), cancellationToken)
            .ConfigureAwait(false))
            yield return record;
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                var twinSpaceId = record.RequireTwinSpace();
                var (sql, arguments) = record.Record switch
                {
                    MaterialCollection collection when record.Kind == MaterialTransfer.Collection => ("""
                        INSERT INTO material_collections (twinspace_id, id, doc) VALUES ($1, $2, $3)
                        ON CONFLICT (twinspace_id, id) DO UPDATE SET doc = excluded.doc
                        """, new object?[] { twinSpaceId, collection.Id, PostgresDocument.Of(collection) }),
                    Material material when record.Kind == MaterialTransfer.Material => ("""
                        INSERT INTO materials (twinspace_id, id, collection_id, size_bytes, version, doc) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (twinspace_id, id) DO UPDATE SET collection_id = excluded.collection_id, size_bytes = excluded.size_bytes,
                            version = excluded.version, doc = excluded.doc
                        """, [twinSpaceId, material.Id, material.CollectionId, material.SizeBytes, material.Version, PostgresDocument.Of(material)]),
                    MemberAvatar avatar when record.Kind == MaterialTransfer.Avatar => ("""
                        INSERT INTO member_avatars (twinspace_id, account_id, doc) VALUES ($1, $2, $3)
                        ON CONFLICT (twinspace_id, account_id) DO UPDATE SET doc = excluded.doc
                        """, [twinSpaceId, avatar.Id, PostgresDocument.Of(avatar)]),
                    _ => throw record.NotOf(Feature),
                };
                await connection.ExecuteAsync(transaction, sql, arguments, token).ConfigureAwait(false);
            }
        }, cancellationToken);
}
