using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Which engine holds the features' data: <c>LiteDb</c> (embedded files, the default).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>Folder for catalog.db, twinspaces/*.db and blobs/. Relative paths are relative to the content root.</summary>
    [Required] public string DataDirectory { get; set; } = "data";

    /// <summary>A database file with no reads or writes for this long is closed; it reopens on next use.</summary>
    [Range(1, 86_400)] public int IdleCloseSeconds { get; set; } = 300;

    /// <summary>At most this many queued writes are committed in one transaction (group commit).</summary>
    [Range(1, 100_000)] public int MaxWritesPerBatch { get; set; } = 1_000;
}
