namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>
/// The pipeline's output, as files in the temporary folder the caller named: a re-encoded original without any
/// metadata, and one WebP per requested thumbnail size. The caller owns (and must delete or store) every file.
/// </summary>
public sealed record ProcessedImage(ImageOutput Original, IReadOnlyList<ImageOutput> Thumbnails, bool Animated);
