using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// <c>Storage:DataDirectory</c> as a full path, whatever the provider: blobs, the token signing key, uploads waiting
/// for processing and the demo logins live here. On a cluster every node must see the same folder (a shared volume).
/// </summary>
public sealed class DataFolder
{
    public DataFolder(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        Path = System.IO.Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
}
