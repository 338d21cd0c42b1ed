using System.Buffers.Binary;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Phones write where a video was filmed into MP4/QuickTime metadata: <c>©xyz</c> (udta and iTunes-style ilst),
/// 3GPP <c>loci</c>, Apple's <c>com.apple.quicktime.location.*</c> keys (meta/keys + ilst) and XMP in a
/// <c>uuid</c> box. Videos are stored as uploaded (we do not transcode), so these payloads are overwritten with
/// zeros in place: box sizes and every offset stay the same, players keep working, the coordinates are gone.
/// Only the metadata boxes are read (the <c>moov</c> index, not the media data).
/// </summary>
public static class Mp4LocationScrubber
{
    private const long MaxIndexBytes = 64L * 1024 * 1024;
    private static readonly byte[] XmpUuid = Convert.FromHexString("BE7ACFCB97A942E89C71999491E3AFAC");
    private static readonly HashSet<string> Containers = ["moov", "trak", "mdia", "minf", "udta", "edts", "dinf", "meta", "ilst"];

    /// <summary>Scrubs the file in place; returns how many location payloads were overwritten.</summary>
    public static int Scrub(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var header = new byte[16];
        long position = 0;
        var scrubbed = 0;
        while (position + 8 <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(header, 0, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.Latin1.GetString(header, 4, 4);
            if (size == 1)
            {
                file.ReadExactly(header, 8, 8);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
            }
            else if (size == 0)
            {
                size = file.Length - position;
            }
            if (size < 8 || position + size > file.Length) throw CollabException.Invalid("The video file is damaged.").WithKey("Video_Damaged");
            if (type is "moov" or "udta" or "meta" or "uuid")
            {
                if (size > MaxIndexBytes) throw CollabException.Invalid("The video's index is too large.").WithKey("Video_IndexTooLarge");
                var box = new byte[size];
                file.Position = position;
                file.ReadExactly(box);
                var count = ScrubBox(box, 0, box.Length, []);
                if (count > 0)
                {
                    file.Position = position;
                    file.Write(box);
                    scrubbed += count;
                }
            }
            position += size;
        }
        return scrubbed;
    }

    private static int ScrubBox(byte[] data, int start, int end, HashSet<uint> locationKeys)
    {
        if (!TryReadHeader(data, start, end, out var size, out var headerSize, out var type)) return 0;
        var payload = start + headerSize;
        var boxEnd = start + size;
        if (type is "\u00A9xyz" or "loci")
            return Zero(data, payload, boxEnd);
        if (type == "uuid" && boxEnd - payload >= 16 && data.AsSpan(payload, 16).SequenceEqual(XmpUuid))
            return Zero(data, payload + 16, boxEnd);
        if (!Containers.Contains(type)) return 0;

        var children = payload;
        if (type == "meta")
        {
            // ISO meta is a full box (4 bytes of version and flags before its children), QuickTime's is not.
            var quickTime = children + 8 <= boxEnd && data.AsSpan(children + 4, 4).SequenceEqual("hdlr"u8);
            if (!quickTime) children += 4;
            locationKeys = LocationKeys(data, children, boxEnd);
        }
        var count = 0;
        for (var child = children; child + 8 <= boxEnd;)
        {
            if (!TryReadHeader(data, child, boxEnd, out var childSize, out _, out _)) break;
            if (type == "ilst" && locationKeys.Contains(BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(child + 4))))
                count += Zero(data, child + 8, child + childSize);
            else
                count += ScrubBox(data, child, boxEnd, locationKeys);
            child += childSize;
        }
        return count;
    }

    /// <summary>The 1-based indexes of <c>keys</c> entries naming a location (they key the ilst items).</summary>
    private static HashSet<uint> LocationKeys(byte[] data, int children, int end)
    {
        var indexes = new HashSet<uint>();
        for (var child = children; child + 8 <= end;)
        {
            if (!TryReadHeader(data, child, end, out var size, out var headerSize, out var type)) break;
            if (type == "keys" && headerSize == 8 && size >= 16)
            {
                var entry = child + 16; // header, version/flags, entry count
                for (uint index = 1; entry + 8 <= child + size; index++)
                {
                    var keySize = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(entry));
                    if (keySize < 8 || entry + keySize > child + size) break;
                    var key = System.Text.Encoding.Latin1.GetString(data, entry + 8, keySize - 8);
                    if (key.Contains("location", StringComparison.OrdinalIgnoreCase) || key.Contains("gps", StringComparison.OrdinalIgnoreCase))
                        indexes.Add(index);
                    entry += keySize;
                }
            }
            child += size;
        }
        return indexes;
    }

    private static bool TryReadHeader(byte[] data, int start, int end, out int size, out int headerSize, out string type)
    {
        size = 0;
        headerSize = 8;
        type = "";
        if (start + 8 > end) return false;
        long declared = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(start));
        type = System.Text.Encoding.Latin1.GetString(data, start + 4, 4);
        if (declared == 1)
        {
            if (start + 16 > end) return false;
            declared = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(start + 8));
            headerSize = 16;
        }
        else if (declared == 0)
        {
            declared = end - start;
        }
        if (declared < headerSize || start + declared > end) return false;
        size = (int)declared;
        return true;
    }

    private static int Zero(byte[] data, int from, int to)
    {
        if (to <= from) return 0;
        Array.Clear(data, from, to - from);
        return 1;
    }
}
