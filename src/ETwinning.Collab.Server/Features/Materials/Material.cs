using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>One material as stored in its TwinSpace's file (collection <c>materials</c>).</summary>
public sealed record Material
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public string? CollectionId { get; init; }
    public required MaterialKind Kind { get; init; }
    public MaterialStatus Status { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    /// <summary>The stored original's size; while processing, the upload's size (it counts against the quota).</summary>
    public long SizeBytes { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public bool Animated { get; init; }
    public required string UploadedBy { get; init; }
    public required string UploaderName { get; init; }
    public DateTime UploadedAt { get; init; }
    /// <summary>Blob of the stored original; null while processing.</summary>
    public string? Sha256 { get; init; }
    public List<StoredVariant> Variants { get; init; } = [];
    /// <summary>Grows by one with every stored change; the basis of compare-and-set (<see cref="IMaterialStore.TryReplaceAsync"/>).</summary>
    public long Version { get; init; }

    /// <summary>Every blob this material holds a reference to.</summary>
    public IEnumerable<string> BlobHashes() =>
        (Sha256 is null ? [] : new[] { Sha256 }).Concat(Variants.Select(v => v.Sha256));
}
