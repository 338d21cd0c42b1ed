using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Inflates every entry of a zip container and counts the bytes that really come out, because the sizes in its
/// headers are only claims: .NET's <see cref="ZipArchiveEntry.Open"/> stops at the declared size, while Word,
/// LibreOffice and unzip inflate until the data ends. Entries are read from their own central-directory record and
/// local header, nothing is kept, and an entry stops being inflated one buffer after it passes its declared size,
/// so the work is bounded by the declared total that <see cref="ZipLimits.MaxUncompressedBytes"/> already caps.
/// </summary>
internal static class ZipInflation
{
    private const uint CentralRecordSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int CentralRecordBytes = 46;
    private const int LocalHeaderBytes = 30;
    private const ushort Stored = 0;
    private const ushort Deflated = 8;
    private const int BufferBytes = 64 * 1024;

    /// <summary>Entries smaller than this are not judged by their ratio (tiny XML parts compress very well).</summary>
    public const long RatioCheckFromBytes = 64 * 1024;

    /// <summary>Refuses (<c>invalid</c>) a container whose entries inflate beyond their declared sizes or the limits.</summary>
    public static void Check(FileStream file, long centralDirectoryOffset, int entries, ZipLimits limits)
    {
        var record = new byte[CentralRecordBytes];
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long total = 0;
            var next = centralDirectoryOffset;
            for (var i = 0; i < entries; i++)
            {
                file.Position = next;
                ReadExactly(file, record);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) != CentralRecordSignature) throw Damaged();
                var method = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(10));
                long compressed = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(20));
                long declared = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(24));
                var variableBytes = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(28))
                    + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(30)) + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(32));
                long localHeader = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(42));
                next += CentralRecordBytes + variableBytes;

                var inflated = Inflate(file, localHeader, method, compressed, declared, buffer);
                total += inflated;
                if (total > limits.MaxUncompressedBytes)
                    throw CollabException.Invalid("The document unpacks to more than is accepted (zip bomb).").WithKey("Zip_TooBig");
                if (inflated > RatioCheckFromBytes && inflated / Math.Max(1, compressed) > limits.MaxCompressionRatio)
                    throw CollabException.Invalid("The document is compressed suspiciously well (zip bomb).").WithKey("Zip_Ratio");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The entry's real size; refused as soon as it passes the size its header declares.</summary>
    private static long Inflate(FileStream file, long localHeader, ushort method, long compressed, long declared, byte[] buffer)
    {
        var header = new byte[LocalHeaderBytes];
        file.Position = localHeader;
        ReadExactly(file, header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature) throw Damaged();
        var dataStart = localHeader + LocalHeaderBytes
            + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        if (dataStart + compressed > file.Length) throw Damaged();
        file.Position = dataStart;

        if (method == Stored) return compressed > declared ? throw Lying() : compressed;
        if (method != Deflated) throw CollabException.Invalid("The document uses a compression method that is not accepted.").WithKey("Zip_Method");
        long inflated = 0;
        try
        {
            using var deflate = new DeflateStream(new Window(file, compressed), CompressionMode.Decompress);
            int n;
            while ((n = deflate.Read(buffer, 0, BufferBytes)) > 0)
            {
                inflated += n;
                if (inflated > declared) throw Lying();
            }
        }
        catch (InvalidDataException)
        {
            throw Damaged();
        }
        return inflated;
    }

    private static void ReadExactly(FileStream file, byte[] bytes)
    {
        try { file.ReadExactly(bytes); }
        catch (EndOfStreamException) { throw Damaged(); }
    }

    private static CollabException Lying() =>
        CollabException.Invalid("The document unpacks to more than its parts declare (zip bomb).").WithKey("Zip_MoreThanDeclared");

    private static CollabException Damaged() => CollabException.Invalid("The document is damaged.").WithKey("Zip_Damaged");

    /// <summary>At most <paramref name="length"/> bytes of <paramref name="inner"/> from its current position: one entry's data.</summary>
    private sealed class Window(Stream inner, long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
