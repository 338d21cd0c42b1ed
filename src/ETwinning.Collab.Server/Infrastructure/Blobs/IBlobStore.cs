namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>
/// Content-addressed file content (sha256), stored once however often it is referenced and deleted when the last
/// reference goes. Features keep the hashes in their own metadata; the store keeps only counts.
/// </summary>
public interface IBlobStore
{
    /// <summary>A new path for a temporary file on the same volume as the blobs (so adding it is a rename).</summary>
    string NewTempPath();

    /// <summary>
    /// Adds one reference to the content of <paramref name="tempPath"/>, which the store takes over: it becomes the
    /// blob, or is deleted when the blob exists already.
    /// </summary>
    Task AddAsync(string tempPath, string sha256, long sizeBytes);

    /// <summary>Drops one reference; the file is deleted with the last one.</summary>
    Task ReleaseAsync(string sha256);

    /// <summary>The blob's file, for serving with range support; null when it is not stored.</summary>
    string? PathOf(string sha256);

    /// <summary>How many references a blob has (0 when it is not stored).</summary>
    long References(string sha256);
}
