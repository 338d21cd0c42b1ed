using System.Buffers.Binary;
using System.Numerics;

namespace ETwinning.Collab.Crdt.Encoding;

/// <summary>
/// Bounds-checked reader for the lib0 binary encoding. Every read past the end, overlong integer or
/// invalid tag throws <see cref="CrdtFormatException"/>.
/// </summary>
public ref struct Lib0Reader
{
    /// <summary>JavaScript's Number.MAX_SAFE_INTEGER: lib0 refuses larger integers.</summary>
    public const ulong MaxSafeInteger = (1UL << 53) - 1;

    /// <summary>Deepest nesting of arrays/objects accepted in "any" values.</summary>
    public const int MaxAnyDepth = 128;

    /// <summary>lib0 writes strings with TextEncoder, which always produces valid UTF-8 (lone surrogates
    /// become U+FFFD). Anything else did not come from a real client, and decoding it leniently would
    /// store and rebroadcast bytes that mean something different to every reader.</summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Creates a reader over the given bytes.</summary>
    public Lib0Reader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Current read position.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when there is nothing more to read.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    private readonly CrdtFormatException Truncated(string what) =>
        new($"Unexpected end of input while reading {what} at byte {_position}.");

    /// <summary>Reads one raw byte.</summary>
    public byte ReadByte()
    {
        if (_position >= _data.Length) throw Truncated("a byte");
        return _data[_position++];
    }

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count)
    {
        if (count < 0 || count > Remaining) throw Truncated($"{count} bytes");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Reads a variable-length unsigned integer (at most 2^53-1).</summary>
    public ulong ReadVarUint()
    {
        ulong result = 0;
        int shift = 0;
        while (true)
        {
            if (_position >= _data.Length) throw Truncated("a varUint");
            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) break;
            shift += 7;
            if (shift > 53) throw new CrdtFormatException($"Integer too large at byte {_position}.");
        }
        if (result > MaxSafeInteger) throw new CrdtFormatException($"Integer too large at byte {_position}.");
        return result;
    }

    /// <summary>Reads a varUint that must fit a non-negative int (counts and lengths).</summary>
    public int ReadVarUintAsInt(string what)
    {
        ulong value = ReadVarUint();
        if (value > int.MaxValue) throw new CrdtFormatException($"{what} {value} is too large.");
        return (int)value;
    }

    /// <summary>Reads a variable-length signed integer. <paramref name="negativeZero"/> reports "-0".</summary>
    public long ReadVarInt(out bool negativeZero)
    {
        if (_position >= _data.Length) throw Truncated("a varInt");
        byte first = _data[_position++];
        bool negative = (first & 0x40) != 0;
        ulong result = (ulong)(first & 0x3F);
        int shift = 6;
        byte b = first;
        while (b >= 0x80)
        {
            if (_position >= _data.Length) throw Truncated("a varInt");
            b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            shift += 7;
            if (shift > 60) throw new CrdtFormatException($"Integer too large at byte {_position}.");
        }
        if (result > MaxSafeInteger) throw new CrdtFormatException($"Integer too large at byte {_position}.");
        negativeZero = negative && result == 0;
        return negative ? -(long)result : (long)result;
    }

    /// <summary>Reads a length-prefixed UTF-8 string; invalid UTF-8 is rejected.</summary>
    public string ReadVarString()
    {
        int length = ReadVarUintAsInt("String length");
        if (length > Remaining) throw Truncated($"a string of {length} bytes");
        var bytes = _data.Slice(_position, length);
        try
        {
            string value = StrictUtf8.GetString(bytes);
            _position += length;
            return value;
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new CrdtFormatException($"Invalid UTF-8 in a string at byte {_position}.");
        }
    }

    /// <summary>Throws unless every byte has been read: a message followed by anything else is malformed.</summary>
    public readonly void EnsureAtEnd(string what)
    {
        if (_position != _data.Length) throw new CrdtFormatException($"{_data.Length - _position} trailing bytes after {what}.");
    }

    /// <summary>Reads a length-prefixed byte array.</summary>
    public byte[] ReadVarUint8Array()
    {
        int length = ReadVarUintAsInt("Byte array length");
        return ReadRaw(length).ToArray();
    }

    /// <summary>Reads a length-prefixed byte array without copying.</summary>
    public ReadOnlySpan<byte> ReadVarUint8ArraySpan()
    {
        int length = ReadVarUintAsInt("Byte array length");
        return ReadRaw(length);
    }

    /// <summary>Reads a value in lib0's "any" format (see <see cref="Lib0Writer.WriteAny"/>).</summary>
    public object? ReadAny() => ReadAny(0);

    private object? ReadAny(int depth)
    {
        if (depth > MaxAnyDepth) throw new CrdtFormatException($"Value nested deeper than {MaxAnyDepth} levels.");
        byte tag = ReadByte();
        switch (tag)
        {
            case 127: return JsUndefined.Value;
            case 126: return null;
            case 125:
                {
                    long value = ReadVarInt(out bool negativeZero);
                    return negativeZero ? -0.0 : (double)value;
                }
            case 124: return (double)BinaryPrimitives.ReadSingleBigEndian(ReadRaw(4));
            case 123: return BinaryPrimitives.ReadDoubleBigEndian(ReadRaw(8));
            case 122: return new BigInteger(BinaryPrimitives.ReadInt64BigEndian(ReadRaw(8)));
            case 121: return false;
            case 120: return true;
            case 119: return ReadVarString();
            case 118:
                {
                    int count = ReadVarUintAsInt("Object size");
                    // Each entry takes at least two bytes, so a lying count cannot make us allocate much.
                    var map = new Dictionary<string, object?>(Math.Min(count, Remaining / 2));
                    for (int i = 0; i < count; i++)
                    {
                        string key = ReadVarString();
                        map[key] = ReadAny(depth + 1);
                    }
                    return map;
                }
            case 117:
                {
                    int count = ReadVarUintAsInt("Array size");
                    var list = new List<object?>(Math.Min(count, Remaining));
                    for (int i = 0; i < count; i++) list.Add(ReadAny(depth + 1));
                    return list;
                }
            case 116: return ReadVarUint8Array();
            default: throw new CrdtFormatException($"Unknown value tag {tag} at byte {_position - 1}.");
        }
    }
}
