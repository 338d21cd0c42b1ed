namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>
/// The blob files on disk, whatever keeps their reference counts: <c>&lt;root&gt;/ab/cd/&lt;sha256&gt;</c>, and
/// temporary files in <c>&lt;root&gt;/tmp</c> (same volume, so adding a blob is a rename, never a copy).
/// </summary>
public sealed class BlobFiles
{
    // An upload or derived image is written and moved in within seconds; a file this old was left by a crash. Newer
    // ones may belong to another node's upload in progress, since the nodes of a cluster share this folder.
    private static readonly TimeSpan StaleTempFileAge = TimeSpan.FromHours(6);
    private readonly string _root;

    public BlobFiles(string root, ILogger logger)
    {
        _root = root;
        TempDirectory = Path.Combine(root, "tmp");
        Directory.CreateDirectory(TempDirectory);
        // Left over from a crash mid-upload: nobody refers to them.
        var staleBefore = DateTime.UtcNow - StaleTempFileAge;
        foreach (var stale in Directory.EnumerateFiles(TempDirectory).Where(file => File.GetLastWriteTimeUtc(file) < staleBefore))
        {
            try { File.Delete(stale); }
            catch (IOException error) { logger.LogWarning(error, "Could not delete a stale temporary file"); }
        }
    }

    /// <summary>Where uploads and derived files are written before they become blobs.</summary>
    public string TempDirectory { get; }

    public string NewTempPath() => Path.Combine(TempDirectory, Ids.New());

    /// <summary>Where the blob's file is (whether or not it exists).</summary>
    public string PathOf(string sha256)
    {
        RequireHash(sha256);
        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }

    /// <summary>Makes <paramref name="tempPath"/> the blob's file (replacing a damaged or half-deleted one).</summary>
    public void MoveIn(string tempPath, string sha256)
    {
        var target = PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(tempPath, target, overwrite: true);
    }

    // The hash becomes part of a path: only ever 64 lowercase hex characters.
    public static void RequireHash(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            throw new ArgumentException("Not a sha256 hex string.", nameof(sha256));
    }
}
