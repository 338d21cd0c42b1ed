using ETwinning.Collab.Crdt;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Pages and their bodies in the TwinSpace's own file; every write goes through the file's one writer.</summary>
public sealed class LiteDbPageStore(DatabaseFiles files) : IPageStore
{
    private const string PagesCollection = "pages";
    private const string UpdatesCollection = "page_updates";
    private const string HeadsCollection = "page_heads";
    private const string VersionsCollection = "page_versions";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [PagesCollection, UpdatesCollection, HeadsCollection, VersionsCollection];

    /// <summary>Whether a page is deleted is derived from its deletion time, not stored.</summary>
    public static void Map(BsonMapper mapper) => mapper.Entity<Page>().Ignore(page => page.IsDeleted);

    public IReadOnlyList<Page> Pages(string twinSpaceId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<Page>(PagesCollection).FindAll().ToList());

    public Page? Find(string twinSpaceId, string pageId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<Page>(PagesCollection).FindById(pageId));

    public Task AddAsync(Page page) =>
        files.ForTwinSpace(page.TwinSpaceId).WriteAsync(db => db.GetCollection<Page>(PagesCollection).Insert(page));

    public Task UpdateAsync(Page page) =>
        files.ForTwinSpace(page.TwinSpaceId).WriteAsync(db => db.GetCollection<Page>(PagesCollection).Update(page));

    public Task UpdateManyAsync(string twinSpaceId, IReadOnlyCollection<Page> pages) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db => db.GetCollection<Page>(PagesCollection).Update(pages));

    public PageDocumentHead? Head(string twinSpaceId, string pageId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<PageDocumentHead>(HeadsCollection).FindById(pageId));

    public IReadOnlyList<PageUpdateRecord> Log(string twinSpaceId, string pageId, long afterSequence = 0) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<PageUpdateRecord>(UpdatesCollection)
            .Find(Query.And(
                Query.GT("_id", PageUpdateRecord.KeyOf(pageId, afterSequence)),
                Query.LTE("_id", PageUpdateRecord.KeyOf(pageId, long.MaxValue))))
            .ToList());

    public Task<long> AppendAsync(string twinSpaceId, string pageId, byte[] update, DateTime at) =>
        // The sequence is taken inside the write: the file's single writer orders every append, on every node.
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var heads = db.GetCollection<PageDocumentHead>(HeadsCollection);
            var head = heads.FindById(pageId) ?? new PageDocumentHead { Id = pageId };
            var sequence = head.LastSequence + 1;
            db.GetCollection<PageUpdateRecord>(UpdatesCollection).Insert(new PageUpdateRecord
            {
                Id = PageUpdateRecord.KeyOf(pageId, sequence), PageId = pageId, Sequence = sequence, Update = update, CreatedAt = at,
            });
            heads.Upsert(head with { LastSequence = sequence });
            return sequence;
        });

    public Task CompactAsync(string twinSpaceId, string pageId, byte[] snapshot, IReadOnlyCollection<long> compactedSequences) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var heads = db.GetCollection<PageDocumentHead>(HeadsCollection);
            var head = heads.FindById(pageId) ?? new PageDocumentHead { Id = pageId };
            // Another node may have compacted updates this node never saw: merging keeps both (CRDT merges are idempotent).
            var merged = head.Snapshot.Length == 0 ? snapshot : YUpdate.Merge(head.Snapshot, snapshot);
            var log = db.GetCollection<PageUpdateRecord>(UpdatesCollection);
            foreach (var sequence in compactedSequences) log.Delete(PageUpdateRecord.KeyOf(pageId, sequence));
            heads.Upsert(head with
            {
                Snapshot = merged,
                CompactedThrough = Math.Max(head.CompactedThrough, compactedSequences.Count == 0 ? 0 : compactedSequences.Max()),
            });
        });

    public Task AddVersionAsync(string twinSpaceId, PageVersion version) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db => db.GetCollection<PageVersion>(VersionsCollection).Insert(version));

    public Task AddAutomaticVersionAsync(string twinSpaceId, PageVersion version, int keep) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var versions = db.GetCollection<PageVersion>(VersionsCollection);
            versions.Insert(version);
            var automatic = versions.Find(v => v.PageId == version.PageId && v.IsAutomatic).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id == version.Id).ToList();
            foreach (var old in automatic.Skip(keep)) versions.Delete(old.Id);
        });

    public IReadOnlyList<PageVersion> Versions(string twinSpaceId, string pageId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<PageVersion>(VersionsCollection)
            .Find(v => v.PageId == pageId).ToList());

    public PageVersion? FindVersion(string twinSpaceId, string pageId, string versionId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<PageVersion>(VersionsCollection).FindById(versionId)) is { } version
            && version.PageId == pageId ? version : null;
}
