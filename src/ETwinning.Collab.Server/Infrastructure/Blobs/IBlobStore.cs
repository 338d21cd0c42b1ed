namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>
/// Content-addressed file content (sha256), stored once however often it is referenced and deleted when the last
/// reference goes. Features keep the hashes in their own metadata; the store keeps only counts. Blobs are shared by
/// every TwinSpace (the same picture uploaded in two TwinSpaces is one file with two references).
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// A new path for a temporary file on the same volume as the blobs (so adding it is a rename). Only a name: nothing
    /// is read or written, so this is not asynchronous.
    /// </summary>
    string NewTempPath();

    /// <summary>
    /// Adds one reference to the content of <paramref name="tempPath"/>, which the store takes over: it becomes the
    /// blob, or is deleted when the blob exists already. The count and the file change together: when this returns,
    /// the file exists and counts the new reference, however many adds and releases of the same hash run at once.
    /// </summary>
    Task AddAsync(string tempPath, string sha256, long sizeBytes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops one reference; the file is deleted with the last one, in the same write as the count. Releasing a blob
    /// with no references does nothing.
    /// </summary>
    Task ReleaseAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>The blob's file, for serving with range support; null when it is not stored.</summary>
    ValueTask<string?> PathOfAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>How many references a blob has (0 when it is not stored).</summary>
    ValueTask<long> ReferencesAsync(string sha256, CancellationToken cancellationToken = default);
}
