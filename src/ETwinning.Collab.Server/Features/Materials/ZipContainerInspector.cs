using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Decides whether a zip upload is an Office (OOXML) or OpenDocument file we accept, without extracting it to disk:
/// the entry count comes from the end-of-central-directory record before the directory is even parsed; then each
/// entry's declared sizes, compression ratio and name are checked; then every entry is inflated and its real size
/// counted (<see cref="ZipInflation"/>), because headers can lie; only the one small entry that names the type
/// (<c>mimetype</c> or <c>[Content_Types].xml</c>) is read, with a hard cap. Macro-enabled documents,
/// executables inside, unsafe entry names, zip64 and anything else are refused.
/// </summary>
public static class ZipContainerInspector
{
    private const int EndRecordBytes = 22;
    private const int MaxCommentBytes = ushort.MaxValue;
    private const int MaxTypeEntryBytes = 1024 * 1024;

    private static readonly Dictionary<string, (string ContentType, string Extension)> OpenDocumentTypes = new()
    {
        ["application/vnd.oasis.opendocument.text"] = ("application/vnd.oasis.opendocument.text", "odt"),
        ["application/vnd.oasis.opendocument.spreadsheet"] = ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
        ["application/vnd.oasis.opendocument.presentation"] = ("application/vnd.oasis.opendocument.presentation", "odp"),
        ["application/vnd.oasis.opendocument.graphics"] = ("application/vnd.oasis.opendocument.graphics", "odg"),
    };

    private static readonly (string MainPart, string ContentType, string Extension)[] OfficeTypes =
    [
        ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ];

    private static readonly string[] ForbiddenEntryEndings =
        ["vbaproject.bin", ".exe", ".dll", ".com", ".scr", ".bat", ".cmd", ".ps1", ".vbs", ".js", ".jar", ".msi", ".sh", ".lnk", ".hta", ".wsf"];

    /// <summary>The document type, or a <see cref="CollabException"/> (<c>invalid</c>) saying why not.</summary>
    public static DetectedType Inspect(string path, ZipLimits limits)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var (declaredEntries, centralDirectory) = ReadEndRecord(file);
        if (declaredEntries > limits.MaxEntries)
            throw CollabException.Invalid($"The document has {declaredEntries:N0} parts; at most {limits.MaxEntries:N0} are accepted.").WithKey("Zip_TooManyParts", declaredEntries, limits.MaxEntries);
        file.Position = 0;
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            CheckEntries(zip, limits);
            ZipInflation.Check(file, centralDirectory, zip.Entries.Count, limits);
            return OpenDocument(zip) ?? Office(zip)
                ?? throw CollabException.Invalid("Zip archives are accepted only as Office or OpenDocument files.").WithKey("Zip_OnlyOffice");
        }
        catch (InvalidDataException)
        {
            throw CollabException.Invalid("The document is damaged.").WithKey("Zip_Damaged");
        }
    }

    private static (int Entries, long CentralDirectoryOffset) ReadEndRecord(FileStream file)
    {
        // The end-of-central-directory record is the last 22 bytes plus a comment of up to 64 KiB.
        var tailLength = (int)Math.Min(file.Length, EndRecordBytes + MaxCommentBytes);
        var tail = new byte[tailLength];
        file.Position = file.Length - tailLength;
        file.ReadExactly(tail);
        var end = tail.AsSpan().LastIndexOf("PK\x05\x06"u8);
        if (end < 0 || end + EndRecordBytes > tail.Length) throw CollabException.Invalid("The document is damaged.").WithKey("Zip_Damaged");
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long centralDirectory = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 20));
        // Office files never need zip64 at our sizes; an entry count of 0xFFFF means "look in the zip64 record".
        if (entries == ushort.MaxValue) throw CollabException.Invalid("Zip64 documents are not accepted.").WithKey("Zip_Zip64");
        // Bytes after the archive are where polyglots hide a second file.
        if (end + EndRecordBytes + commentLength != tail.Length) throw CollabException.Invalid("The document has data after its end.").WithKey("Zip_TrailingData");
        return (entries, centralDirectory);
    }

    private static void CheckEntries(ZipArchive zip, ZipLimits limits)
    {
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Contains(':') || name.Contains('\0')
                || name.Split('/').Any(segment => segment == ".."))
                throw CollabException.Invalid("The document contains an unsafe file name.").WithKey("Zip_UnsafeName");
            if (ForbiddenEntryEndings.Any(ending => name.EndsWith(ending, StringComparison.OrdinalIgnoreCase)))
                throw CollabException.Invalid("Documents with macros or programs inside are not accepted.").WithKey("Zip_MacrosOrPrograms");
            total += entry.Length;
            if (total > limits.MaxUncompressedBytes)
                throw CollabException.Invalid("The document unpacks to more than is accepted (zip bomb).").WithKey("Zip_TooBig");
            if (entry.Length > ZipInflation.RatioCheckFromBytes && entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
                throw CollabException.Invalid("The document is compressed suspiciously well (zip bomb).").WithKey("Zip_Ratio");
        }
    }

    private static DetectedType? OpenDocument(ZipArchive zip)
    {
        // ODF puts an uncompressed "mimetype" entry first.
        var first = zip.Entries.Count > 0 ? zip.Entries[0] : null;
        if (first?.FullName != "mimetype") return null;
        var mimeType = ReadSmallEntry(first).Trim();
        return OpenDocumentTypes.TryGetValue(mimeType, out var type)
            ? new DetectedType(MaterialKind.File, type.ContentType, type.Extension, ContentCheck.ZipContainer)
            : throw CollabException.Invalid("This OpenDocument type is not accepted.").WithKey("Zip_OpenDocumentType");
    }

    private static DetectedType? Office(ZipArchive zip)
    {
        var contentTypes = zip.GetEntry("[Content_Types].xml");
        if (contentTypes is null) return null;
        var declared = ReadSmallEntry(contentTypes);
        if (declared.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
            throw CollabException.Invalid("Documents with macros are not accepted.").WithKey("Zip_Macros");
        foreach (var (mainPart, contentType, extension) in OfficeTypes)
            if (zip.GetEntry(mainPart) is not null) return new DetectedType(MaterialKind.File, contentType, extension, ContentCheck.ZipContainer);
        return null;
    }

    private static string ReadSmallEntry(ZipArchiveEntry entry)
    {
        // Declared sizes can lie: read at most the cap, whatever the header says.
        using var stream = entry.Open();
        var buffer = new byte[MaxTypeEntryBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
        if (read > MaxTypeEntryBytes) throw CollabException.Invalid("The document is damaged.").WithKey("Zip_Damaged");
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
