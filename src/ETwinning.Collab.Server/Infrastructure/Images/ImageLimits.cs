namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>Limits the caller's options impose on one image.</summary>
/// <param name="MaxPixels">Width x height of one frame.</param>
/// <param name="MaxAnimationPixels">Width x height x frames of an animation.</param>
public sealed record ImageLimits(long MaxPixels, long MaxAnimationPixels);
