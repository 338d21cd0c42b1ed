namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// How many bytes an upload of a detected type may have, and what to tell the uploader past that: in English, and as a
/// message catalogue key with its arguments.
/// </summary>
public sealed record UploadLimit(long MaxBytes, string Refusal, string RefusalKey, IReadOnlyList<object?> RefusalArguments);
