namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>What a zip container may declare, and really inflate to, before it counts as a bomb.</summary>
public sealed record ZipLimits(int MaxEntries, long MaxUncompressedBytes, int MaxCompressionRatio);
