namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Files stored exactly as uploaded (PDF, video, text) must not also be a zip: a zip is read from its end, so a
/// PDF or MP4 with a zip appended is both, and could deliver anything. The end-of-central-directory signature in
/// the last 64 KiB gives such a polyglot away.
/// </summary>
public static class PolyglotCheck
{
    private const int TailBytes = 22 + ushort.MaxValue;

    public static bool EndsWithZip(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = (int)Math.Min(file.Length, TailBytes);
        var tail = new byte[length];
        file.Position = file.Length - length;
        file.ReadExactly(tail);
        return tail.AsSpan().IndexOf("PK\x05\x06"u8) >= 0;
    }
}
