namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>How many bytes an upload of a detected type may have, and what to tell the uploader past that.</summary>
public sealed record UploadLimit(long MaxBytes, string Refusal);
