using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Pages and their bodies in the TwinSpace's own file; every write goes through the file's one writer.</summary>
public sealed partial class LiteDbPageStore(DatabaseFiles files) : IPageStore
{
    private const string PagesCollection = "pages";
    private const string HeadsCollection = LiteDbPageLog.HeadsCollection;
    private const string VersionsCollection = "page_versions";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).
    /// The first layout's collections are not among them: only files that have them are read from and deleted from.</summary>
    public static readonly string[] Collections = [PagesCollection, LiteDbPageLog.LogCollection, HeadsCollection, VersionsCollection];

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
        var file = files.ForTwinSpace(twinSpaceId);
        return ValueTask.FromResult(file.Read<PageDocumentHead?>(db =>
        {
            var head = db.GetCollection<PageDocumentHead>(HeadsCollection).FindById(pageId);
            // The head's own count moves only at compactions; the log knows the appends since.
            var logged = LogOf(file, db).CommittedLastSequence(pageId);
            if (head is null && logged == 0) return null;
            return (head ?? new PageDocumentHead { Id = pageId }) with { LastSequence = Math.Max(head?.LastSequence ?? 0, logged) };
        }));
    }

    public ValueTask<IReadOnlyList<PageUpdateRecord>> LogAsync(string twinSpaceId, string pageId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return ValueTask.FromResult<IReadOnlyList<PageUpdateRecord>>(file.Read(db => LogOf(file, db).Read(db, pageId, afterSequence)));
    }

    public async Task<long> AppendAsync(string twinSpaceId, string pageId, byte[] update, DateTime at, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        // The sequence is taken inside the write: the file's single writer orders every append, on every node.
        var (log, sequence, position) = await file.WriteAsync(db =>
        {
            var log = LogOf(file, db);
            var (sequence, position) = log.Append(db, pageId, update, at);
            return (log, sequence, position);
        }).ConfigureAwait(false);
        log.MarkCommitted(position);
        return sequence;
    }

    public async Task<bool> TryReplaceSnapshotAsync(string twinSpaceId, string pageId, byte[] snapshot, long compactedThrough,
        long expectedCompactedThrough, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        // Plain data only: the snapshot was built (and merged, where needed) by the caller, outside this writer.
        var replacedIn = await file.WriteAsync(db =>
        {
            var heads = db.GetCollection<PageDocumentHead>(HeadsCollection);
            var head = heads.FindById(pageId) ?? new PageDocumentHead { Id = pageId };
            if (head.CompactedThrough != expectedCompactedThrough || compactedThrough <= head.CompactedThrough) return null;
            var log = LogOf(file, db);
            log.DeleteThrough(db, pageId, compactedThrough);
            heads.Upsert(head with
            {
                Snapshot = snapshot, CompactedThrough = compactedThrough, LastSequence = Math.Max(head.LastSequence, compactedThrough),
            });
            return log;
        }).ConfigureAwait(false);
        // Readers went on finding the deleted entries until the new snapshot committed; now it holds them.
        replacedIn?.ForgetThrough(pageId, compactedThrough);
        return replacedIn is not null;
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

    private static LiteDbPageLog LogOf(DocumentDatabase file, LiteDatabase db) => file.Attached(() => LiteDbPageLog.Build(db));

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
