using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

public sealed partial class PostgresBlobStore : IStoreTransfer
{
    public string Feature => BlobTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => _database.ExportAsync(
    [
        new("SELECT sha256, size_bytes, reference_count, created_at FROM blobs ORDER BY sha256", row => new(BlobTransfer.Blob, null,
            new BlobRecord { Id = row.GetString(0), SizeBytes = row.GetInt64(1), References = row.GetInt64(2), CreatedAt = row.GetDateTime(3) })),
    ], cancellationToken);

    // Counts only: the files are already where this store looks for them (the shared data directory).
    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        _database.ImportAsync(batch, record => record.Record switch
        {
            BlobRecord blob when record.Kind == BlobTransfer.Blob => new("""
                INSERT INTO blobs (sha256, size_bytes, reference_count, created_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (sha256) DO UPDATE SET size_bytes = excluded.size_bytes, reference_count = excluded.reference_count,
                    created_at = excluded.created_at
                """, blob.Id, blob.SizeBytes, blob.References, blob.CreatedAt),
            _ => throw record.NotOf(Feature),
        }, cancellationToken);
}
