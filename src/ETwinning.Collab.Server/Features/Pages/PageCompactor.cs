namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Folds a live page's log into its stored snapshot. The snapshot is the page's own document, encoded under the
/// page's gate; the store only swaps bytes (compare-and-set on <see cref="PageDocumentHead.CompactedThrough"/>), so
/// no Yjs work runs inside the TwinSpace file's writer, where it would stall chat and forums of the TwinSpace.
/// The snapshot covers only the log entries the document holds without a gap; entries it misses (an update of
/// another node still on its way, or compacted by another node) are read from the store first, and a snapshot
/// another node stored meanwhile is taken into the document before trying again.
/// </summary>
public sealed partial class PageCompactor(IPageStore store, ILogger<PageCompactor> logger)
{
    /// <summary>Compactions racing on other nodes are rare; after this many lost races the next update tries again.</summary>
    private const int MaxAttempts = 3;

    /// <summary>Runs one compaction of a page that went <see cref="LivePageState.Compacting"/>; it is Live again after.</summary>
    internal async Task CompactAsync(LivePage live, CancellationToken cancellationToken = default)
    {
        var key = live.Key;
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                bool gap;
                lock (live.Gate) gap = live.ContiguousThrough() < live.LastSequence;
                if (gap) await FillGapsAsync(live, cancellationToken).ConfigureAwait(false);
                byte[] snapshot;
                long through, expected;
                lock (live.Gate)
                {
                    expected = live.CompactedThrough;
                    through = live.ContiguousThrough();
                    if (through <= expected) return;
                    snapshot = live.Document.EncodeStateAsUpdate();
                }
                if (await store.TryReplaceSnapshotAsync(key.TwinSpaceId, key.PageId, snapshot, through, expected, cancellationToken).ConfigureAwait(false))
                {
                    lock (live.Gate) live.Compacted(through);
                    LogCompacted(key.PageId, through - expected, snapshot.Length);
                    return;
                }
                // Another node compacted first: its snapshot may hold updates this document lacks.
                var head = await store.HeadAsync(key.TwinSpaceId, key.PageId, cancellationToken).ConfigureAwait(false);
                if (head is not null) lock (live.Gate) live.AdoptStoredSnapshot(head);
            }
            LogCompactionRaced(key.PageId);
        }
        catch (Exception error)
        {
            // The stored page is intact (the write is all or nothing); the next update tries again.
            LogCompactionFailed(error, key.PageId);
        }
        finally
        {
            lock (live.Gate) live.EndCompaction();
        }
    }

    /// <summary>Takes in what the document lacks below its newest entry: a snapshot another node stored (its entries
    /// are gone from the log), then the log entries after what the document holds without a gap.</summary>
    private async Task FillGapsAsync(LivePage live, CancellationToken cancellationToken)
    {
        var head = await store.HeadAsync(live.Key.TwinSpaceId, live.Key.PageId, cancellationToken).ConfigureAwait(false);
        long from;
        lock (live.Gate)
        {
            if (head is not null) live.AdoptStoredSnapshot(head);
            from = live.ContiguousThrough();
        }
        var missing = await store.LogAsync(live.Key.TwinSpaceId, live.Key.PageId, from, cancellationToken).ConfigureAwait(false);
        lock (live.Gate)
            foreach (var entry in missing) live.Apply(entry.Sequence, entry.Update, logger);
    }

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Compacted {Count} updates of page {PageId} into a snapshot of {Bytes} bytes")]
    private partial void LogCompacted(string pageId, long count, int bytes);

    [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "Compacting page {PageId} failed; its log is kept")]
    private partial void LogCompactionFailed(Exception error, string pageId);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "Compacting page {PageId} lost the race to other nodes repeatedly; its log is kept")]
    private partial void LogCompactionRaced(string pageId);
}
