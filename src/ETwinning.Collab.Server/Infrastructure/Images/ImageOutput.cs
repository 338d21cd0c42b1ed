namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>One file the pipeline wrote.</summary>
/// <param name="MaxEdge">The thumbnail size asked for (0 for the original).</param>
public sealed record ImageOutput(string Path, string ContentType, int Width, int Height, int MaxEdge);
