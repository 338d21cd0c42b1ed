namespace ETwinning.Collab.Server.Infrastructure.Images;

public enum ImageRejection
{
    /// <summary>Not decodable: corrupt, truncated or not an allowed format.</summary>
    Unreadable,
    /// <summary>More pixels than the limit (a decompression bomb, or just too big).</summary>
    TooManyPixels,
}
