namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>A stored blob and how many metadata records point at it (catalog.db, collection <c>blobs</c>).</summary>
public sealed record BlobRecord
{
    /// <summary>The sha256 of the content, lowercase hex.</summary>
    public required string Id { get; init; }
    public long SizeBytes { get; init; }
    public long References { get; init; }
    public DateTime CreatedAt { get; init; }
}
