namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// An upload that passed every content check, in a temporary file. Disposing deletes the file unless it was
/// handed to the blob store (which moves it), so no code path leaves a temporary file behind.
/// </summary>
public sealed class ReceivedUpload(string tempPath, string sha256, long sizeBytes, DetectedType type) : IDisposable
{
    public string TempPath { get; } = tempPath;
    public string Sha256 { get; } = sha256;
    public long SizeBytes { get; } = sizeBytes;
    public DetectedType Type { get; } = type;

    public void Dispose() => File.Delete(TempPath);
}
