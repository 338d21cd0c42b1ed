using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>
/// Blobs as files (<see cref="BlobFiles"/>), reference counts in catalog.db. Every count change and the file move or
/// delete that goes with it run inside catalog.db's single writer, so two uploads of the same content, or an upload
/// racing the deletion of the last reference, cannot lose a file or leak one.
/// </summary>
public sealed partial class LiteDbBlobStore : IBlobStore
{
    private const string Collection = "blobs";
    private readonly DocumentDatabase _catalog;
    private readonly BlobFiles _files;
    private readonly TimeProvider _clock;

    public LiteDbBlobStore(DatabaseFiles files, TimeProvider clock, ILogger<LiteDbBlobStore> logger)
    {
        _catalog = files.Catalog;
        _files = new BlobFiles(files.BlobDirectory, logger);
        _clock = clock;
    }

    /// <summary>Where uploads and derived files are written before they become blobs.</summary>
    public string TempDirectory => _files.TempDirectory;

    public string NewTempPath() => _files.NewTempPath();

    public Task AddAsync(string tempPath, string sha256, long sizeBytes, CancellationToken cancellationToken = default)
    {
        var target = _files.PathOf(sha256);
        cancellationToken.ThrowIfCancellationRequested();
        return _catalog.WriteAsync(db =>
        {
            var blobs = BlobsOf(db);
            var existing = blobs.FindById(sha256);
            if (existing is not null && File.Exists(target))
            {
                File.Delete(tempPath);
                blobs.Update(existing with { References = existing.References + 1 });
                return;
            }
            _files.MoveIn(tempPath, sha256);
            blobs.Upsert(new BlobRecord
            {
                Id = sha256,
                SizeBytes = sizeBytes,
                References = (existing?.References ?? 0) + 1,
                CreatedAt = _clock.GetUtcNow().UtcDateTime,
            });
        });
    }

    public Task ReleaseAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = _files.PathOf(sha256);
        cancellationToken.ThrowIfCancellationRequested();
        return _catalog.WriteAsync(db =>
        {
            var blobs = BlobsOf(db);
            var existing = blobs.FindById(sha256);
            if (existing is null) return;
            if (existing.References > 1)
            {
                blobs.Update(existing with { References = existing.References - 1 });
                return;
            }
            blobs.Delete(sha256);
            File.Delete(path);
        });
    }

    public ValueTask<string?> PathOfAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = _files.PathOf(sha256);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(File.Exists(path) ? path : null);
    }

    public ValueTask<long> ReferencesAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobFiles.RequireHash(sha256);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_catalog.Read(db => BlobsOf(db).FindById(sha256)?.References ?? 0));
    }

    private static ILiteCollection<BlobRecord> BlobsOf(LiteDatabase db) => db.GetCollection<BlobRecord>(Collection);
}
