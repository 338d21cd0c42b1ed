using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace ETwinning.Collab.TestSupport;

/// <summary>
/// Test files made in code: images with EXIF GPS, XMP and comments (spliced in as real JPEG segments), pixel
/// bombs, truncated and animated images, Office/OpenDocument containers and zip bombs. Shared by the unit and
/// integration tests (linked into both projects).
/// </summary>
public static class TestImages
{
    public const string GpsComment = "secret-comment-from-the-camera";
    public const string XmpMarker = "http://ns.adobe.com/xap/1.0/";
    public const string XmpSecret = "Home address of the pupil";

    /// <summary>A JPEG of <paramref name="width"/> x <paramref name="height"/> with EXIF (GPS + orientation), XMP and a comment.</summary>
    public static byte[] JpegWithGps(int width = 64, int height = 48, ushort orientation = 1)
    {
        var plain = PlainJpeg(width, height);
        var exif = ExifSegment(orientation);
        var xmp = Segment(0xE1, [.. Encoding.ASCII.GetBytes(XmpMarker + "\0"), .. Encoding.UTF8.GetBytes(
            $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description about=\"\">{XmpSecret}</rdf:Description></rdf:RDF></x:xmpmeta>")]);
        var comment = Segment(0xFE, Encoding.ASCII.GetBytes(GpsComment));
        // Right after SOI, before libvips' own JFIF segment: where cameras put them.
        return [.. plain[..2], .. exif, .. xmp, .. comment, .. plain[2..]];
    }

    /// <summary>A JPEG without metadata; a gradient so it is not trivially compressible.</summary>
    public static byte[] PlainJpeg(int width, int height, int quality = 85)
    {
        using var image = Pattern(width, height);
        return image.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Pattern(width, height);
        return image.PngsaveBuffer(keep: Enums.ForeignKeep.None);
    }

    /// <summary>A 12-megapixel-class photo stand-in: noise plus gradient (compresses like a real photo, ~4-6 MB).</summary>
    public static byte[] NoisyJpeg(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 40, mean: 128);
        using var rgb = noise.Bandjoin(noise.FlipVer(), noise.FlipHor()).Cast(Enums.BandFormat.Uchar);
        return rgb.JpegsaveBuffer(q: 90);
    }

    /// <summary>An animated GIF of <paramref name="frames"/> frames.</summary>
    public static byte[] AnimatedGif(int width, int height, int frames)
    {
        var pages = Enumerable.Range(0, frames).Select(i => Image.Black(width, height, bands: 3) + new[] { 40.0 * i % 255, 100, 200 - 30 * i }).ToArray();
        using var strip = Image.Arrayjoin(pages, across: 1).Cast(Enums.BandFormat.Uchar);
        using var animated = strip.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", height);
            m.Set(GValue.ArrayIntType, "delay", Enumerable.Repeat(100, frames).ToArray());
            m.Set(GValue.GIntType, "loop", 0);
        });
        var bytes = animated.GifsaveBuffer();
        foreach (var page in pages) page.Dispose();
        return bytes;
    }

    /// <summary>A valid PNG header claiming <paramref name="width"/> x <paramref name="height"/> pixels, with a tiny body.</summary>
    public static byte[] PngPixelBomb(int width = 50_000, int height = 50_000)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            zlib.Write(new byte[64 * 1024]); // the start of the all-zero rows
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", ihdr), .. PngChunk("IDAT", compressed.ToArray()), .. PngChunk("IEND", [])];
    }

    /// <summary>The first <paramref name="fraction"/> of a real JPEG.</summary>
    public static byte[] TruncatedJpeg(double fraction = 0.5)
    {
        var full = NoisyJpeg(200, 150);
        return full[..(int)(full.Length * fraction)];
    }

    /// <summary>A Windows executable header (what "holiday.jpg" really is).</summary>
    public static byte[] Executable() => [.. "MZ"u8.ToArray(), 0x90, 0x00, 0x03, .. new byte[58], .. "This program cannot be run in DOS mode."u8.ToArray()];

    /// <summary>A JPEG with a zip archive appended: valid as both.</summary>
    public static byte[] JpegZipPolyglot() => [.. PlainJpeg(32, 32), .. Zip(("payload.txt", "hidden"u8.ToArray(), CompressionLevel.Optimal))];

    /// <summary>A minimal PDF.</summary>
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A minimal .docx container (enough for type detection).</summary>
    public static byte[] Docx(string contentTypes = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>") => Zip(
        ("[Content_Types].xml", Encoding.UTF8.GetBytes(contentTypes), CompressionLevel.Optimal),
        ("word/document.xml", "<w:document/>"u8.ToArray(), CompressionLevel.Optimal));

    /// <summary>A minimal .odt container: the stored mimetype entry first.</summary>
    public static byte[] Odt() => Zip(
        ("mimetype", "application/vnd.oasis.opendocument.text"u8.ToArray(), CompressionLevel.NoCompression),
        ("content.xml", "<office:document-content/>"u8.ToArray(), CompressionLevel.Optimal));

    /// <summary>A .docx whose one extra entry is 20 MB of zeros (ratio ~1000:1).</summary>
    public static byte[] DocxZipBomb() => Zip(
        ("[Content_Types].xml", "<Types/>"u8.ToArray(), CompressionLevel.Optimal),
        ("word/document.xml", new byte[20 * 1024 * 1024], CompressionLevel.Optimal));

    /// <summary>
    /// A .docx whose <c>word/document.xml</c> inflates to <paramref name="realBytes"/> of zeros while its local header and
    /// central-directory record both declare <paramref name="declaredBytes"/>: the sizes a checker that trusts headers sees.
    /// </summary>
    public static byte[] DocxWithLyingSizes(int realBytes = 20 * 1024 * 1024, uint declaredBytes = 1_000)
    {
        var zip = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray(), CompressionLevel.Optimal),
            ("word/document.xml", new byte[realBytes], CompressionLevel.Optimal));
        var name = "word/document.xml"u8;
        var local = IndexOfRecord(zip, "PK\x03\x04"u8, 30, name);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(local + 22), declaredBytes);
        var central = IndexOfRecord(zip, "PK\x01\x02"u8, 46, name);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 24), declaredBytes);
        return zip;
    }

    private static int IndexOfRecord(byte[] zip, ReadOnlySpan<byte> signature, int fixedBytes, ReadOnlySpan<byte> name)
    {
        for (var at = zip.AsSpan().IndexOf(signature); at >= 0; at = zip.AsSpan(at + 1).IndexOf(signature) is var n and >= 0 ? at + 1 + n : -1)
            if (zip.AsSpan(at + fixedBytes).StartsWith(name)) return at;
        throw new InvalidOperationException("No such zip record.");
    }

    public const string VideoLocation = "+48.8577+002.2950/";

    /// <summary>
    /// A minimal MP4 whose metadata says where it was filmed, in every place phones put it: udta/©xyz, udta/loci,
    /// Apple's meta/keys/ilst (com.apple.quicktime.location.ISO6709) and an XMP uuid box; then 4 KB of "media".
    /// </summary>
    public static byte[] Mp4WithLocation()
    {
        var location = Encoding.ASCII.GetBytes(VideoLocation);
        var xyz = Box("\u00A9xyz", [0, (byte)location.Length, 0x15, 0xC7, .. location]);
        var loci = Box("loci", [0, 0, 0, 0, 0x15, 0xC7, .. Encoding.ASCII.GetBytes("Schoolyard\0"), .. location]);
        var key = Encoding.ASCII.GetBytes("com.apple.quicktime.location.ISO6709");
        var keys = Box("keys", [0, 0, 0, 0, 0, 0, 0, 1, .. BigEndian(8 + key.Length), .. "mdta"u8.ToArray(), .. key]);
        var item = Box("\0\0\0\u0001", Box("data", [0, 0, 0, 1, 0, 0, 0, 0, .. location]));
        var meta = Box("meta", [.. Box("hdlr", new byte[25]), .. keys, .. Box("ilst", item)]);
        var xmp = Box("uuid", [.. Convert.FromHexString("BE7ACFCB97A942E89C71999491E3AFAC"), .. Encoding.UTF8.GetBytes($"<x:xmpmeta>{VideoLocation}</x:xmpmeta>")]);
        var moov = Box("moov", [.. Box("mvhd", new byte[100]), .. Box("udta", [.. xyz, .. loci]), .. meta]);
        var media = Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray();
        return [.. Box("ftyp", [.. "mp42"u8.ToArray(), 0, 0, 0, 0, .. "mp42isom"u8.ToArray()]), .. moov, .. xmp, .. Box("mdat", media)];
    }

    private static byte[] Box(string type, byte[] payload) => [.. BigEndian(8 + payload.Length), .. Encoding.Latin1.GetBytes(type), .. payload];

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Zip(params (string Name, byte[] Content, CompressionLevel Level)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>True when the bytes still carry any of the planted metadata.</summary>
    public static bool ContainsPlantedMetadata(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        return text.Contains("Exif", StringComparison.Ordinal) || text.Contains(GpsComment, StringComparison.Ordinal)
            || text.Contains(XmpMarker, StringComparison.Ordinal) || text.Contains(XmpSecret, StringComparison.Ordinal);
    }

    /// <summary>Metadata fields libvips finds (exif-*, xmp-data, iptc-data, icc-profile-data, comments).</summary>
    public static IReadOnlyList<string> MetadataFields(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return image.GetFields().Where(f => f.StartsWith("exif", StringComparison.Ordinal) || f.Contains("xmp", StringComparison.Ordinal)
            || f.Contains("iptc", StringComparison.Ordinal) || f.Contains("icc", StringComparison.Ordinal) || f.Contains("comment", StringComparison.Ordinal)).ToList();
    }

    private static Image Pattern(int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var joined = x.Bandjoin(y, (x + y) / 2);
        return joined.Linear([255.0 / Math.Max(1, width), 255.0 / Math.Max(1, height), 1], [0.0, 0, 0]).Cast(Enums.BandFormat.Uchar);
    }

    private static byte[] ExifSegment(ushort orientation)
    {
        // TIFF, little endian: IFD0 (Orientation, GPS pointer) then the GPS IFD (N 48 51 30, E 2 17 40).
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(long v) { for (var i = 0; i < 4; i++) tiff.Add((byte)(v >> (8 * i))); }
        void Entry(int tag, int type, int count, long value) { U16(tag); U16(type); U32(count); U32(value); }
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        const int ifd0Size = 2 + 2 * 12 + 4;
        const int gpsOffset = 8 + ifd0Size;
        const int gpsSize = 2 + 4 * 12 + 4;
        const int rationalsOffset = gpsOffset + gpsSize;
        U16(2);
        Entry(0x0112, 3, 1, orientation);
        Entry(0x8825, 4, 1, gpsOffset);
        U32(0);
        U16(4);
        Entry(0x0001, 2, 2, 'N');
        Entry(0x0002, 5, 3, rationalsOffset);
        Entry(0x0003, 2, 2, 'E');
        Entry(0x0004, 5, 3, rationalsOffset + 24);
        U32(0);
        foreach (var value in new[] { 48, 51, 30, 2, 17, 40 }) { U32(value); U32(1); }
        return Segment(0xE1, [.. "Exif\0\0"u8.ToArray(), .. tiff]);
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
