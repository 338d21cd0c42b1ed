using System.Runtime.CompilerServices;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Updates;

public sealed partial class LiteDbUpdateStore : IStoreTransfer
{
    public string Feature => UpdateTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
            await foreach (var entry in LiteDbTransfer.ReadAllAsync<TwinSpaceUpdate>(files.ForTwinSpace(twinSpaceId), Collection, cancellationToken)
                .ConfigureAwait(false))
                yield return new(UpdateTransfer.Entry, twinSpaceId, entry);
    }

    // A feed's next sequence is its highest stored one plus one (see AppendAsync): imported entries carry it on by themselves.
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = twinSpace.Select(record => record.Kind == UpdateTransfer.Entry ? (TwinSpaceUpdate)record.Record : throw record.NotOf(Feature));
            await LiteDbTransfer.UpsertAsync(files.ForTwinSpace(twinSpace.Key), Collection, entries.ToList()).ConfigureAwait(false);
        }
    }
}
