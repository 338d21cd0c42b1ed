using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

public sealed partial class PostgresBlobStore : IStoreTransfer
{
    public string Feature => BlobTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var blob in _database.QueryAllAsync("SELECT sha256, size_bytes, reference_count, created_at FROM blobs ORDER BY sha256",
            row => new BlobRecord { Id = row.GetString(0), SizeBytes = row.GetInt64(1), References = row.GetInt64(2), CreatedAt = row.GetDateTime(3) },
            cancellationToken).ConfigureAwait(false))
            yield return new(BlobTransfer.Blob, null, blob);
    }

    // Counts only: the files are already where this store looks for them (the shared data directory).
    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                var blob = record.Kind == BlobTransfer.Blob ? (BlobRecord)record.Record : throw record.NotOf(Feature);
                await connection.ExecuteAsync(transaction, """
                    INSERT INTO blobs (sha256, size_bytes, reference_count, created_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (sha256) DO UPDATE SET size_bytes = excluded.size_bytes, reference_count = excluded.reference_count,
                        created_at = excluded.created_at
                    """, [blob.Id, blob.SizeBytes, blob.References, blob.CreatedAt], token).ConfigureAwait(false);
            }
        }, cancellationToken);
}
