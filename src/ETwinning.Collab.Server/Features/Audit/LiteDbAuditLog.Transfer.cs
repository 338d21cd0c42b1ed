using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Audit;

public sealed partial class LiteDbAuditLog : IStoreTransfer
{
    public string Feature => AuditTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
            await foreach (var entry in LiteDbTransfer.ReadAllAsync<AuditEntry>(files.ForTwinSpace(twinSpaceId), Collection, cancellationToken)
                .ConfigureAwait(false))
                yield return new(AuditTransfer.Entry, twinSpaceId, entry);
    }

    // The entry's id is its sequence; inserting it moves the file's auto-id past it, so appends continue after it.
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = twinSpace.Select(record => record.Kind == AuditTransfer.Entry ? (AuditEntry)record.Record : throw record.NotOf(Feature)).ToList();
            await LiteDbTransfer.UpsertAsync(files.ForTwinSpace(twinSpace.Key), Collection, entries, BsonAutoId.Int64).ConfigureAwait(false);
        }
    }
}
