using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>Turns stored materials into what members see, with freshly signed URLs.</summary>
public sealed class MaterialViews(MaterialUrlSigner signer)
{
    public MaterialView View(Material material) => new(
        material.Id, material.TwinSpaceId, material.CollectionId, material.Kind, material.Status,
        material.Title, material.Description, material.FileName, material.ContentType, material.SizeBytes,
        material.Width, material.Height, material.Animated, material.UploadedBy, material.UploaderName, material.UploadedAt,
        material.Sha256, Urls(material));

    public MaterialUrls? Urls(Material material)
    {
        if (material.Status != MaterialStatus.Ready) return null;
        var (original, expiresAt) = signer.Sign(MaterialPaths.SignedMaterial(material.TwinSpaceId, material.Id, MaterialVariant.Original));
        string? VariantUrl(MaterialVariant variant) => material.Variants.Any(v => v.Variant == variant)
            ? signer.Sign(MaterialPaths.SignedMaterial(material.TwinSpaceId, material.Id, variant)).Url
            : null;
        return new MaterialUrls(original, VariantUrl(MaterialVariant.Thumbnail), VariantUrl(MaterialVariant.Preview), expiresAt);
    }
}
