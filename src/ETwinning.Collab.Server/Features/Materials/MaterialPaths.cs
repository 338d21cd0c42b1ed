using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>The URL paths of downloads, in one place for the endpoints, the signer and the views.</summary>
public static class MaterialPaths
{
    public static string SignedMaterial(string twinSpaceId, string materialId, MaterialVariant variant) =>
        $"/api/files/{twinSpaceId}/materials/{materialId}/{VariantName(variant)}";

    public static string SignedAvatar(string twinSpaceId, string accountId) => $"/api/files/{twinSpaceId}/avatars/{accountId}";

    public static string VariantName(MaterialVariant variant) => variant.ToString().ToLowerInvariant();

    /// <summary>Parses a variant name from a URL; numbers are not names.</summary>
    public static MaterialVariant? ParseVariant(string? name) =>
        name is { Length: > 0 } && char.IsAsciiLetter(name[0]) && Enum.TryParse<MaterialVariant>(name, ignoreCase: true, out var variant)
            ? variant : null;
}
