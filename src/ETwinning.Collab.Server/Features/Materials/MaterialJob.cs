namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>An uploaded image waiting for the pipeline; <see cref="IncomingPath"/> holds the raw upload.</summary>
public sealed record MaterialJob(string TwinSpaceId, string MaterialId, string IncomingPath);
