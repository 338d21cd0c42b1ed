using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>
/// Blobs as files under <c>data/blobs/ab/cd/&lt;sha256&gt;</c>, reference counts in catalog.db. Every count change
/// and the file move or delete that goes with it run inside catalog.db's single writer, so two uploads of the
/// same content, or an upload racing the deletion of the last reference, cannot lose a file or leak one.
/// Temporary files live in <c>data/blobs/tmp</c>: same volume, so adding a blob is a rename, never a copy.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    private const string Collection = "blobs";
    private readonly DocumentDatabase _catalog;
    private readonly string _root;

    public FileBlobStore(DatabaseFiles files, ILogger<FileBlobStore> logger)
    {
        _catalog = files.Catalog;
        _root = files.BlobDirectory;
        TempDirectory = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(TempDirectory);
        // Left over from a crash mid-upload: nobody refers to them.
        foreach (var stale in Directory.EnumerateFiles(TempDirectory))
        {
            try { File.Delete(stale); }
            catch (IOException error) { logger.LogWarning(error, "Could not delete a stale temporary file"); }
        }
    }

    /// <summary>Where uploads and derived files are written before they become blobs.</summary>
    public string TempDirectory { get; }

    public string NewTempPath() => Path.Combine(TempDirectory, Ids.New());

    public Task AddAsync(string tempPath, string sha256, long sizeBytes)
    {
        RequireHash(sha256);
        var target = FilePath(sha256);
        return _catalog.WriteAsync(db =>
        {
            var blobs = db.GetCollection<BlobRecord>(Collection);
            var existing = blobs.FindById(sha256);
            if (existing is not null && File.Exists(target))
            {
                File.Delete(tempPath);
                blobs.Update(existing with { References = existing.References + 1 });
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(tempPath, target, overwrite: true);
            blobs.Upsert(new BlobRecord
            {
                Id = sha256,
                SizeBytes = sizeBytes,
                References = (existing?.References ?? 0) + 1,
                CreatedAt = DateTime.UtcNow,
            });
        });
    }

    public Task ReleaseAsync(string sha256)
    {
        RequireHash(sha256);
        return _catalog.WriteAsync(db =>
        {
            var blobs = db.GetCollection<BlobRecord>(Collection);
            var existing = blobs.FindById(sha256);
            if (existing is null) return;
            if (existing.References > 1)
            {
                blobs.Update(existing with { References = existing.References - 1 });
                return;
            }
            blobs.Delete(sha256);
            File.Delete(FilePath(sha256));
        });
    }

    public string? PathOf(string sha256)
    {
        RequireHash(sha256);
        var path = FilePath(sha256);
        return File.Exists(path) ? path : null;
    }

    public long References(string sha256) =>
        _catalog.Read(db => db.GetCollection<BlobRecord>(Collection).FindById(sha256)?.References ?? 0);

    private string FilePath(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);

    // The hash becomes part of a path: only ever 64 lowercase hex characters.
    private static void RequireHash(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            throw new ArgumentException("Not a sha256 hex string.", nameof(sha256));
    }
}
