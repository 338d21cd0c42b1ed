using System.Text;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Images;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Decides a file's type from its first bytes against an allowlist; the name and the declared content type are
/// never consulted. Allowed: JPEG, PNG, GIF, WebP (images); PDF, Office OOXML and OpenDocument (zip containers,
/// inspected later), UTF-8 plain text (files); MP4/QuickTime and WebM (videos). Everything else is refused,
/// with a clearer message for executables and scripts. Plain zip archives, SVG and HTML are refused on purpose:
/// their contents cannot be checked, or they run script when opened in a browser.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> wants (fewer when the file is shorter).</summary>
    public const int HeadBytes = 4_096;

    private static readonly byte[][] ExecutableMagic =
    [
        "MZ"u8.ToArray(),                   // Windows PE
        [0x7F, (byte)'E', (byte)'L', (byte)'F'],
        [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE], // Mach-O
        [0xCA, 0xFE, 0xBA, 0xBE],           // Mach-O universal / Java class
        "#!"u8.ToArray(),                   // scripts
        [0x00, 0x61, 0x73, 0x6D],           // WebAssembly
    ];

    private static readonly string[] Mp4Brands = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "mmp4", "dash", "MSNV"];

    public static SniffResult Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return SniffResult.Refused("The file is empty.", "Upload_Empty");
        foreach (var magic in ExecutableMagic)
            if (head.StartsWith(magic)) return SniffResult.Refused("Programs and scripts cannot be uploaded.", "Upload_Program");

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return SniffResult.Allowed(DetectedType.Image(ImageFormat.Jpeg, "jpg"));
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return SniffResult.Allowed(DetectedType.Image(ImageFormat.Png, "png"));
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return SniffResult.Allowed(DetectedType.Image(ImageFormat.Gif, "gif"));
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return SniffResult.Allowed(DetectedType.Image(ImageFormat.WebP, "webp"));
        // PDF readers accept the header anywhere in the first KiB; we want it first, which shuts out many polyglots.
        if (head.StartsWith("%PDF-"u8)) return SniffResult.Allowed(new(MaterialKind.File, "application/pdf", "pdf", ContentCheck.StoredAsIs));
        if (head.StartsWith("PK\x03\x04"u8))
            return SniffResult.Allowed(new(MaterialKind.File, "application/zip", "zip", ContentCheck.ZipContainer));
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            if (brand == "qt  ") return SniffResult.Allowed(new(MaterialKind.Video, "video/quicktime", "mov", ContentCheck.StoredAsIs));
            if (Mp4Brands.Contains(brand)) return SniffResult.Allowed(new(MaterialKind.Video, "video/mp4", "mp4", ContentCheck.StoredAsIs));
            return SniffResult.Refused("This kind of video is not accepted; use MP4 or WebM.", "Upload_VideoType");
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            return head[..Math.Min(head.Length, 64)].IndexOf("webm"u8) >= 0
                ? SniffResult.Allowed(new(MaterialKind.Video, "video/webm", "webm", ContentCheck.StoredAsIs))
                : SniffResult.Refused("This kind of video is not accepted; use MP4 or WebM.", "Upload_VideoType");
        if (TextValidator.LooksLikeText(head))
            return SniffResult.Allowed(new(MaterialKind.File, "text/plain; charset=utf-8", "txt", ContentCheck.Text));
        return SniffResult.Refused("This type of file is not accepted. Images (JPEG, PNG, GIF, WebP), PDF, Office and OpenDocument files, plain text and MP4/WebM videos are.", "Upload_FileType");
    }
}
