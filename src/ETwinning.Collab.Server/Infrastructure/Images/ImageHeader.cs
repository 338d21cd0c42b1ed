namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>What the header says, read without decoding pixels: enough to refuse a pixel bomb.</summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height, int Pages)
{
    public long Pixels => (long)Width * Height;

    /// <summary>All frames together (animated GIF/WebP decode every frame).</summary>
    public long TotalPixels => Pixels * Pages;

    public bool IsAnimated => Pages > 1;
}
