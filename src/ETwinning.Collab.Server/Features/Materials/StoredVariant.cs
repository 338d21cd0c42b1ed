using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>A derived file of an image (thumbnail or preview), stored as its own blob.</summary>
public sealed record StoredVariant
{
    public required MaterialVariant Variant { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
}
