using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Pages and their bodies in the TwinSpace's own file; every write goes through the file's one writer.</summary>
public sealed partial class LiteDbPageStore(DatabaseFiles files) : IPageStore
{
    private const string PagesCollection = "pages";
    private const string UpdatesCollection = "page_updates";
    private const string HeadsCollection = "page_heads";
    private const string VersionsCollection = "page_versions";
    private const string SequencesCollection = "page_sequences";

    /// <summary>
    /// A page's log between two sequences, exclusive and inclusive. Values go in as parameters: LiteDB compiles and
    /// caches every distinct expression text for the life of the process, so values written into the text (as
    /// <c>Query.GT</c> does) made each compaction and each log read compile new code that was never freed.
    /// </summary>
    private const string LogRange = "_id > @0 AND _id <= @1";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [PagesCollection, UpdatesCollection, HeadsCollection, VersionsCollection, SequencesCollection];

    /// <summary>Whether a page is deleted is derived from its deletion time, not stored.</summary>
    public static void Map(BsonMapper mapper) => mapper.Entity<Page>().Ignore(page => page.IsDeleted);

    public ValueTask<IReadOnlyList<Page>> PagesAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return ValueTask.FromResult(file.Read(db => PagesOf(file, db).All));
    }

    public ValueTask<Page?> FindAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return ValueTask.FromResult(file.Read(db => PagesOf(file, db).Find(pageId)));
    }

    public Task AddAsync(Page page, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(page.TwinSpaceId);
        return file.WriteAsync(db =>
        {
            db.GetCollection<Page>(PagesCollection).Insert(page);
            PagesOf(file, db).Put([page]);
        });
    }

    public Task UpdateAsync(Page page, CancellationToken cancellationToken = default) =>
        UpdateManyAsync(page.TwinSpaceId, [page], cancellationToken);

    public Task UpdateManyAsync(string twinSpaceId, IReadOnlyCollection<Page> pages, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            var collection = db.GetCollection<Page>(PagesCollection);
            // All at once, so a reader of the list never sees half a move.
            PagesOf(file, db).Put(pages.Where(page => collection.Update(page)).ToList());
        });
    }

    public ValueTask<PageDocumentHead?> HeadAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(files.ForTwinSpace(twinSpaceId).Read<PageDocumentHead?>(db =>
        {
            var head = db.GetCollection<PageDocumentHead>(HeadsCollection).FindById(pageId);
            var counter = db.GetCollection<PageSequenceCounter>(SequencesCollection).FindById(pageId);
            if (counter is null) return head;
            return (head ?? new PageDocumentHead { Id = pageId }) with { LastSequence = Math.Max(head?.LastSequence ?? 0, counter.LastSequence) };
        }));
    }

    public ValueTask<IReadOnlyList<PageUpdateRecord>> LogAsync(string twinSpaceId, string pageId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<PageUpdateRecord>>(files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<PageUpdateRecord>(UpdatesCollection)
            .Find(LogBetween(pageId, afterSequence, long.MaxValue))
            .ToList()));
    }

    public Task<long> AppendAsync(string twinSpaceId, string pageId, byte[] update, DateTime at, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The sequence is taken inside the write: the file's single writer orders every append, on every node.
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var counters = db.GetCollection<PageSequenceCounter>(SequencesCollection);
            // The head (with the snapshot) is read only for a page that has no counter yet.
            var last = counters.FindById(pageId)?.LastSequence
                ?? db.GetCollection<PageDocumentHead>(HeadsCollection).FindById(pageId)?.LastSequence ?? 0;
            var sequence = last + 1;
            db.GetCollection<PageUpdateRecord>(UpdatesCollection).Insert(new PageUpdateRecord
            {
                Id = PageUpdateRecord.KeyOf(pageId, sequence), PageId = pageId, Sequence = sequence, Update = update, CreatedAt = at,
            });
            counters.Upsert(new PageSequenceCounter { Id = pageId, LastSequence = sequence });
            return sequence;
        });
    }

    public Task<bool> TryReplaceSnapshotAsync(string twinSpaceId, string pageId, byte[] snapshot, long compactedThrough,
        long expectedCompactedThrough, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Plain data only: the snapshot was built (and merged, where needed) by the caller, outside this writer.
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var heads = db.GetCollection<PageDocumentHead>(HeadsCollection);
            var head = heads.FindById(pageId) ?? new PageDocumentHead { Id = pageId };
            if (head.CompactedThrough != expectedCompactedThrough || compactedThrough <= head.CompactedThrough) return false;
            db.GetCollection<PageUpdateRecord>(UpdatesCollection).DeleteMany(LogBetween(pageId, 0, compactedThrough));
            heads.Upsert(head with
            {
                Snapshot = snapshot, CompactedThrough = compactedThrough, LastSequence = Math.Max(head.LastSequence, compactedThrough),
            });
            return true;
        });
    }

    public Task AddVersionAsync(string twinSpaceId, PageVersion version, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db => db.GetCollection<PageVersion>(VersionsCollection).Insert(version));
    }

    public Task AddAutomaticVersionAsync(string twinSpaceId, PageVersion version, int keep, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var versions = db.GetCollection<PageVersion>(VersionsCollection);
            versions.Insert(version);
            var automatic = versions.Find(v => v.PageId == version.PageId && v.IsAutomatic).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id == version.Id).ToList();
            foreach (var old in automatic.Skip(keep)) versions.Delete(old.Id);
        });
    }

    public ValueTask<IReadOnlyList<PageVersion>> VersionsAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<PageVersion>>(files.ForTwinSpace(twinSpaceId)
            .Read(db => db.GetCollection<PageVersion>(VersionsCollection).Find(v => v.PageId == pageId).ToList()));
    }

    public ValueTask<PageVersion?> FindVersionAsync(string twinSpaceId, string pageId, string versionId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var version = files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<PageVersion>(VersionsCollection).FindById(versionId));
        return ValueTask.FromResult(version is not null && version.PageId == pageId ? version : null);
    }

    private static BsonExpression LogBetween(string pageId, long afterSequence, long throughSequence) =>
        BsonExpression.Create(LogRange, PageUpdateRecord.KeyOf(pageId, afterSequence), PageUpdateRecord.KeyOf(pageId, throughSequence));

    private static PageList PagesOf(DocumentDatabase file, LiteDatabase db) =>
        file.Attached(() => new PageList(db.GetCollection<Page>(PagesCollection).FindAll()));

    /// <summary>
    /// The file's pages in memory: every page update checks the tree (is the page or a parent deleted?), and reading
    /// and deserializing every page of the TwinSpace from the file for each keystroke was most of that check. Page
    /// writes change it on the file's writer; it is attached to the file, which drops it when a batch rolls back
    /// and when the file closes, and rebuilds it from the file on next use. The list handed out stays the same
    /// instance until a page changes, so callers can cache what they derive from it.
    /// </summary>
    private sealed class PageList(IEnumerable<Page> stored)
    {
        private readonly Lock _gate = new();
        private readonly SortedDictionary<string, Page> _byId = new(stored.ToDictionary(page => page.Id, StringComparer.Ordinal), StringComparer.Ordinal);
        private IReadOnlyList<Page>? _all;

        public IReadOnlyList<Page> All
        {
            get { lock (_gate) return _all ??= [.. _byId.Values]; }
        }

        public Page? Find(string pageId)
        {
            lock (_gate) return _byId.GetValueOrDefault(pageId);
        }

        public void Put(IReadOnlyList<Page> pages)
        {
            lock (_gate)
            {
                foreach (var page in pages) _byId[page.Id] = page;
                _all = null;
            }
        }
    }
}
