using System.Text;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Turns whatever name a client sent into a safe download name: no folders (so no path traversal), no control or
/// shell characters, no Windows device names, bounded length, and the extension of the DETECTED type, so a
/// program can never be handed out as "holiday.jpg.exe" nor a picture as ".html".
/// </summary>
public static class FileNames
{
    private const int MaxStemLength = 100;
    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitize(string? name, string extension)
    {
        var raw = (name ?? "").Replace('\\', '/');
        raw = raw[(raw.LastIndexOf('/') + 1)..];
        var dot = raw.LastIndexOf('.');
        if (dot > 0) raw = raw[..dot];

        var stem = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var safe = char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '(' or ')' or '.';
            var replacement = safe ? c : '_';
            if (replacement == '_' && stem.Length > 0 && stem[^1] == '_') continue;
            stem.Append(replacement);
        }
        var cleaned = stem.ToString().Trim(' ', '.', '_');
        while (cleaned.Contains("..", StringComparison.Ordinal)) cleaned = cleaned.Replace("..", ".", StringComparison.Ordinal);
        if (cleaned.Length > MaxStemLength) cleaned = cleaned[..MaxStemLength].TrimEnd(' ', '.');
        if (cleaned.Length == 0) cleaned = "file";
        if (DeviceNames.Contains(cleaned)) cleaned = "_" + cleaned;
        return cleaned + "." + extension;
    }
}
