using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Images;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>A type from the allowlist, as recognised from the content's first bytes.</summary>
/// <param name="Check">What still has to be verified once the whole file is in (see <see cref="ContentCheck"/>).</param>
public sealed record DetectedType(MaterialKind Kind, string ContentType, string Extension, ContentCheck Check, ImageFormat? ImageFormat = null)
{
    public static DetectedType Image(ImageFormat format, string extension) =>
        new(MaterialKind.Image, ImagePipeline.ContentTypeOf(format), extension, ContentCheck.DecodedByPipeline, format);
}
