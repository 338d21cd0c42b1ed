using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

public sealed partial class LiteDbBlobStore : IStoreTransfer
{
    public string Feature => BlobTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var blob in LiteDbTransfer.ReadAllAsync<BlobRecord>(_catalog, Collection, cancellationToken).ConfigureAwait(false))
            yield return new(BlobTransfer.Blob, null, blob);
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var blobs = batch.Select(record => record.Kind == BlobTransfer.Blob ? (BlobRecord)record.Record : throw record.NotOf(Feature)).ToList();
        return LiteDbTransfer.UpsertAsync(_catalog, Collection, blobs);
    }
}
