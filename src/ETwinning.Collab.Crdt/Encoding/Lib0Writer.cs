using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ETwinning.Collab.Crdt.Encoding;

/// <summary>
/// Growable byte buffer writing the lib0 binary encoding used by Yjs (variable-length integers,
/// length-prefixed UTF-8 strings and byte arrays, and the self-describing "any" values).
/// </summary>
public sealed class Lib0Writer
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with the given initial capacity.</summary>
    public Lib0Writer(int initialCapacity = 256) => _buffer = new byte[Math.Max(16, initialCapacity)];

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }

    /// <summary>Writes one raw byte.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    /// <summary>Writes raw bytes without a length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes an unsigned integer in 7-bit groups, least significant first.</summary>
    public void WriteVarUint(ulong value)
    {
        Ensure(10);
        while (value > 0x7F)
        {
            _buffer[_length++] = (byte)(0x80 | (value & 0x7F));
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    /// <summary>Writes a signed integer: the first byte carries the sign bit and 6 value bits.</summary>
    public void WriteVarInt(long value, bool negativeZero = false)
    {
        bool negative = value < 0 || negativeZero;
        ulong magnitude = value < 0 ? (ulong)(-value) : (ulong)value;
        Ensure(10);
        _buffer[_length++] = (byte)((magnitude > 0x3F ? 0x80 : 0) | (negative ? 0x40 : 0) | (int)(magnitude & 0x3F));
        magnitude >>= 6;
        while (magnitude > 0)
        {
            _buffer[_length++] = (byte)((magnitude > 0x7F ? 0x80 : 0) | (int)(magnitude & 0x7F));
            magnitude >>= 7;
        }
    }

    /// <summary>Writes a string as a varUint byte length followed by its UTF-8 bytes.
    /// Lone surrogates become U+FFFD, as with JavaScript's TextEncoder.</summary>
    public void WriteVarString(string value) => WriteVarString(value.AsSpan());

    /// <summary>Writes a span of UTF-16 text as a length-prefixed UTF-8 string.</summary>
    public void WriteVarString(ReadOnlySpan<char> value)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(max + 10);
        int byteCount = value.Length < 128 ? 0 : System.Text.Encoding.UTF8.GetByteCount(value);
        if (value.Length < 128)
        {
            // Short strings: encode first, then patch in the length (one byte if < 128 bytes).
            int start = _length;
            int written = System.Text.Encoding.UTF8.GetBytes(value, _buffer.AsSpan(start + 2));
            if (written < 128)
            {
                _buffer[start] = (byte)written;
                Buffer.BlockCopy(_buffer, start + 2, _buffer, start + 1, written);
                _length = start + 1 + written;
            }
            else
            {
                _buffer[start] = (byte)(0x80 | (written & 0x7F));
                _buffer[start + 1] = (byte)(written >> 7);
                _length = start + 2 + written;
            }
            return;
        }
        WriteVarUint((ulong)byteCount);
        _length += System.Text.Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Writes a byte array prefixed with its length.</summary>
    public void WriteVarUint8Array(ReadOnlySpan<byte> bytes)
    {
        WriteVarUint((ulong)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>Writes a big-endian IEEE 754 single.</summary>
    public void WriteFloat32(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleBigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    /// <summary>Writes a big-endian IEEE 754 double.</summary>
    public void WriteFloat64(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Writes a big-endian signed 64-bit integer.</summary>
    public void WriteBigInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>
    /// Writes a value in lib0's "any" format. Supported values: null, <see cref="JsUndefined"/>, bool,
    /// numbers (written like JavaScript numbers), <see cref="BigInteger"/> (as a 64-bit bigint), string,
    /// byte[], lists and dictionaries with string keys of supported values.
    /// </summary>
    public void WriteAny(object? value)
    {
        switch (value)
        {
            case null: WriteByte(126); break;
            case JsUndefined: WriteByte(127); break;
            case bool b: WriteByte(b ? (byte)120 : (byte)121); break;
            case string s: WriteByte(119); WriteVarString(s); break;
            case byte[] bytes: WriteByte(116); WriteVarUint8Array(bytes); break;
            case BigInteger big: WriteByte(122); WriteBigInt64((long)big); break;
            case IReadOnlyDictionary<string, object?> map:
                WriteByte(118);
                WriteVarUint((ulong)map.Count);
                foreach (var pair in map)
                {
                    WriteVarString(pair.Key);
                    WriteAny(pair.Value);
                }
                break;
            case IReadOnlyList<object?> list:
                WriteByte(117);
                WriteVarUint((ulong)list.Count);
                foreach (var item in list) WriteAny(item);
                break;
            default:
                if (JsValues.TryGetNumber(value, out double number))
                {
                    WriteNumber(number);
                    break;
                }
                throw new ArgumentException($"Values of type {value.GetType().Name} cannot be encoded.", nameof(value));
        }
    }

    private void WriteNumber(double number)
    {
        // JavaScript rule used by lib0: small integers as varInt, then float32 if exact, else float64.
        if (Math.Floor(number) == number && Math.Abs(number) <= int.MaxValue)
        {
            WriteByte(125);
            WriteVarInt((long)number, number == 0 && double.IsNegative(number));
        }
        else if (!double.IsNaN(number) && (double)(float)number == number)
        {
            WriteByte(124);
            WriteFloat32((float)number);
        }
        else
        {
            WriteByte(123);
            WriteFloat64(number);
        }
    }
}
