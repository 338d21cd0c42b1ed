namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Pages, their update logs, snapshots and versions, in the TwinSpace's own storage. The store persists records and
/// bytes only: merging Yjs updates is the feature's work (<see cref="PageCompactor"/>), never the store's. Every
/// write completes after it is durable.
/// </summary>
public interface IPageStore
{
    /// <summary>Every page of the TwinSpace, deleted ones included. While nothing was written, a provider may hand
    /// out the same list again (callers treat it as immutable and may cache what they derive from it per instance).</summary>
    ValueTask<IReadOnlyList<Page>> PagesAsync(string twinSpaceId, CancellationToken cancellationToken = default);
    ValueTask<Page?> FindAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default);
    /// <summary>Stores a new page; its id must not be taken.</summary>
    Task AddAsync(Page page, CancellationToken cancellationToken = default);
    /// <summary>Replaces a stored page (by id); a page that is not stored stays absent.</summary>
    Task UpdateAsync(Page page, CancellationToken cancellationToken = default);
    /// <summary>Replaces several pages in ONE write (moves renumber siblings): all or none are visible.</summary>
    Task UpdateManyAsync(string twinSpaceId, IReadOnlyCollection<Page> pages, CancellationToken cancellationToken = default);

    /// <summary>The page body's snapshot and counters; null before the first update.</summary>
    ValueTask<PageDocumentHead?> HeadAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default);
    /// <summary>The log entries after <paramref name="afterSequence"/> still in the log (not compacted), ascending by
    /// sequence. Entries above the head's <see cref="PageDocumentHead.CompactedThrough"/> are all there, without gaps.</summary>
    ValueTask<IReadOnlyList<PageUpdateRecord>> LogAsync(string twinSpaceId, string pageId, long afterSequence = 0, CancellationToken cancellationToken = default);
    /// <summary>
    /// Appends an update with the page's next sequence, assigned inside the write that stores it, so concurrent
    /// appends (on any node sharing the store) get 1, 2, 3, ... per page, never a duplicate or a gap. Completes after
    /// the entry is durable, with its sequence.
    /// </summary>
    Task<long> AppendAsync(string twinSpaceId, string pageId, byte[] update, DateTime at, CancellationToken cancellationToken = default);
    /// <summary>
    /// Compaction, as compare-and-set: in ONE write, stores <paramref name="snapshot"/> as the page's snapshot, sets
    /// <see cref="PageDocumentHead.CompactedThrough"/> to <paramref name="compactedThrough"/> and deletes the log
    /// entries up to it; only if the stored <c>CompactedThrough</c> is still <paramref name="expectedCompactedThrough"/>
    /// (returns false and changes nothing otherwise: another compaction came first). After a crash the page is either
    /// the old snapshot with the whole log or the new snapshot with the entries after <paramref name="compactedThrough"/>.
    /// The caller guarantees that the snapshot holds the stored snapshot and every entry it covers.
    /// </summary>
    Task<bool> TryReplaceSnapshotAsync(string twinSpaceId, string pageId, byte[] snapshot, long compactedThrough,
        long expectedCompactedThrough, CancellationToken cancellationToken = default);

    Task AddVersionAsync(string twinSpaceId, PageVersion version, CancellationToken cancellationToken = default);
    /// <summary>Adds an automatic version and, in the same write, drops the oldest automatic ones beyond <paramref name="keep"/>
    /// (by creation time; named versions are never dropped).</summary>
    Task AddAutomaticVersionAsync(string twinSpaceId, PageVersion version, int keep, CancellationToken cancellationToken = default);
    /// <summary>Every version of the page, in no particular order.</summary>
    ValueTask<IReadOnlyList<PageVersion>> VersionsAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default);
    /// <summary>The version, if it exists and belongs to the page.</summary>
    ValueTask<PageVersion?> FindVersionAsync(string twinSpaceId, string pageId, string versionId, CancellationToken cancellationToken = default);
}
