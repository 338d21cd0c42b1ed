namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Pages, their update logs, snapshots and versions, in the TwinSpace's own storage.</summary>
public interface IPageStore
{
    IReadOnlyList<Page> Pages(string twinSpaceId);
    Page? Find(string twinSpaceId, string pageId);
    Task AddAsync(Page page);
    Task UpdateAsync(Page page);
    /// <summary>Writes several pages in one transaction (moves renumber siblings).</summary>
    Task UpdateManyAsync(string twinSpaceId, IReadOnlyCollection<Page> pages);

    PageDocumentHead? Head(string twinSpaceId, string pageId);
    IReadOnlyList<PageUpdateRecord> Log(string twinSpaceId, string pageId, long afterSequence = 0);
    /// <summary>Appends an update; completes after it is durable, with its sequence number.</summary>
    Task<long> AppendAsync(string twinSpaceId, string pageId, byte[] update, DateTime at);
    /// <summary>In ONE transaction: merges <paramref name="snapshot"/> into the stored snapshot and deletes the
    /// compacted log entries.</summary>
    Task CompactAsync(string twinSpaceId, string pageId, byte[] snapshot, IReadOnlyCollection<long> compactedSequences);

    Task AddVersionAsync(string twinSpaceId, PageVersion version);
    /// <summary>Adds an automatic version and, in the same write, drops the oldest automatic ones beyond <paramref name="keep"/>
    /// (named versions are never dropped).</summary>
    Task AddAutomaticVersionAsync(string twinSpaceId, PageVersion version, int keep);
    IReadOnlyList<PageVersion> Versions(string twinSpaceId, string pageId);
    PageVersion? FindVersion(string twinSpaceId, string pageId, string versionId);
}
