using System.Security.Cryptography;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>Hashes a file that is already on disk (derived images), in one streaming pass.</summary>
public static class HashingFile
{
    public static async Task<(string Sha256, long SizeBytes)> HashAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }
}
