namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>The raster formats the pipeline decodes. Every other libvips loader is blocked.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
}
