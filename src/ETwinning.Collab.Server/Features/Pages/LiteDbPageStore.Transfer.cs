using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Pages;

public sealed partial class LiteDbPageStore : IStoreTransfer
{
    public string Feature => PageTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
        {
            var file = files.ForTwinSpace(twinSpaceId);
            await foreach (var page in LiteDbTransfer.ReadAllAsync<Page>(file, PagesCollection, cancellationToken).ConfigureAwait(false))
                yield return new(PageTransfer.Page, twinSpaceId, page);
            // The head's own count moves only at compactions: it leaves with the log's last sequence.
            var counters = file.Read(db => LogOf(file, db).CommittedLastSequences());
            await foreach (var head in LiteDbTransfer.ReadAllAsync<PageDocumentHead>(file, HeadsCollection, cancellationToken).ConfigureAwait(false))
            {
                counters.Remove(head.Id, out var counted);
                yield return new(PageTransfer.Head, twinSpaceId, head with { LastSequence = Math.Max(head.LastSequence, counted) });
            }
            // A page whose log was never compacted has no head: it leaves as a head without a snapshot.
            foreach (var (pageId, lastSequence) in counters.Where(counter => counter.Value > 0))
                yield return new(PageTransfer.Head, twinSpaceId, new PageDocumentHead { Id = pageId, LastSequence = lastSequence });
            // Entries of the first layout (keyed by page) are older than every positioned one.
            await foreach (var update in LiteDbTransfer.ReadAllAsync<PageUpdateRecord>(file, LiteDbPageLog.FirstLayoutCollection, cancellationToken).ConfigureAwait(false))
                yield return new(PageTransfer.Update, twinSpaceId, update);
            await foreach (var entry in LiteDbTransfer.ReadAllAsync<PageLogEntry>(file, LiteDbPageLog.LogCollection, cancellationToken).ConfigureAwait(false))
                yield return new(PageTransfer.Update, twinSpaceId, entry.ToRecord());
            await foreach (var version in LiteDbTransfer.ReadAllAsync<PageVersion>(file, VersionsCollection, cancellationToken).ConfigureAwait(false))
                yield return new(PageTransfer.Version, twinSpaceId, version);
        }
    }

    // The head carries the log's last sequence, so the next append continues after the imported log.
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files.ForTwinSpace(twinSpace.Key);
            var (log, newestPosition) = await file.WriteAsync(db =>
            {
                var log = LogOf(file, db);
                var newestPosition = 0L;
                var pages = new List<Page>();
                foreach (var record in twinSpace)
                {
                    switch (record.Record)
                    {
                        case Page page when record.Kind == PageTransfer.Page:
                            db.GetCollection<Page>(PagesCollection).Upsert(page);
                            pages.Add(page);
                            break;
                        case PageDocumentHead head when record.Kind == PageTransfer.Head:
                            db.GetCollection<PageDocumentHead>(HeadsCollection).Upsert(head);
                            log.Raise(head.Id, head.LastSequence);
                            break;
                        case PageUpdateRecord update when record.Kind == PageTransfer.Update:
                            // Imported again (a resumed copy): the page already has it.
                            newestPosition = log.Restore(db, update) ?? newestPosition;
                            break;
                        case PageVersion version when record.Kind == PageTransfer.Version:
                            db.GetCollection<PageVersion>(VersionsCollection).Upsert(version);
                            break;
                        default:
                            throw record.NotOf(Feature);
                    }
                }
                // The in-memory page list answers every tree check, so it learns the imported pages as AddAsync's do.
                PagesOf(file, db).Put(pages);
                return (log, newestPosition);
            }).ConfigureAwait(false);
            log.MarkCommitted(newestPosition);
        }
    }
}
