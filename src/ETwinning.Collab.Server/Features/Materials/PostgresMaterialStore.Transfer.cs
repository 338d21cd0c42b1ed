using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Materials;

public sealed partial class PostgresMaterialStore : IStoreTransfer
{
    public string Feature => MaterialTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new("SELECT twinspace_id, doc FROM material_collections ORDER BY twinspace_id, id",
            row => new(MaterialTransfer.Collection, row.GetString(0), PostgresDocument.Read<MaterialCollection>(row, 1))),
        new("SELECT doc, version FROM materials ORDER BY twinspace_id, id",
            row =>
            {
                var material = ReadMaterial(row);
                return new(MaterialTransfer.Material, material.TwinSpaceId, material);
            }),
        new("SELECT twinspace_id, doc FROM member_avatars ORDER BY twinspace_id, account_id",
            row => new(MaterialTransfer.Avatar, row.GetString(0), PostgresDocument.Read<MemberAvatar>(row, 1))),
    ], cancellationToken);

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record =>
        {
            var twinSpaceId = record.RequireTwinSpace();
            return record.Record switch
            {
                MaterialCollection collection when record.Kind == MaterialTransfer.Collection => new("""
                    INSERT INTO material_collections (twinspace_id, id, doc) VALUES ($1, $2, $3)
                    ON CONFLICT (twinspace_id, id) DO UPDATE SET doc = excluded.doc
                    """, twinSpaceId, collection.Id, PostgresDocument.Of(collection)),
                Material material when record.Kind == MaterialTransfer.Material => new("""
                    INSERT INTO materials (twinspace_id, id, collection_id, size_bytes, version, doc) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (twinspace_id, id) DO UPDATE SET collection_id = excluded.collection_id, size_bytes = excluded.size_bytes,
                        version = excluded.version, doc = excluded.doc
                    """, twinSpaceId, material.Id, material.CollectionId, material.SizeBytes, material.Version, PostgresDocument.Of(material)),
                MemberAvatar avatar when record.Kind == MaterialTransfer.Avatar => new("""
                    INSERT INTO member_avatars (twinspace_id, account_id, doc) VALUES ($1, $2, $3)
                    ON CONFLICT (twinspace_id, account_id) DO UPDATE SET doc = excluded.doc
                    """, twinSpaceId, avatar.Id, PostgresDocument.Of(avatar)),
                _ => throw record.NotOf(Feature),
            };
        }, cancellationToken);
}
