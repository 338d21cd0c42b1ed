using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Tests.Unit;

/// <summary>Byte-level vectors of the lib0 encoding (as lib0 writes them).</summary>
public sealed class Lib0EncodingTests
{
    private static byte[] Write(Action<Lib0Writer> write)
    {
        var writer = new Lib0Writer();
        write(writer);
        return writer.ToArray();
    }

    [Theory]
    [InlineData(0UL, new byte[] { 0 })]
    [InlineData(127UL, new byte[] { 127 })]
    [InlineData(128UL, new byte[] { 0x80, 1 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    public void VarUint(ulong value, byte[] expected)
    {
        Assert.Equal(expected, Write(w => w.WriteVarUint(value)));
        var reader = new Lib0Reader(expected);
        Assert.Equal(value, reader.ReadVarUint());
    }

    [Theory]
    [InlineData(0L, new byte[] { 0 })]
    [InlineData(-1L, new byte[] { 0x41 })]
    [InlineData(63L, new byte[] { 0x3F })]
    [InlineData(64L, new byte[] { 0x80, 1 })]
    [InlineData(-300L, new byte[] { 0xEC, 0x04 })]
    public void VarInt(long value, byte[] expected)
    {
        Assert.Equal(expected, Write(w => w.WriteVarInt(value)));
        var reader = new Lib0Reader(expected);
        Assert.Equal(value, reader.ReadVarInt(out _));
    }

    [Fact]
    public void AnyValuesUseTheJavaScriptNumberRules()
    {
        Assert.Equal(new byte[] { 125, 1 }, Write(w => w.WriteAny(1)));
        Assert.Equal(new byte[] { 124, 0x3F, 0xC0, 0, 0 }, Write(w => w.WriteAny(1.5)));
        Assert.Equal(new byte[] { 123, 0x3F, 0xB9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A }, Write(w => w.WriteAny(0.1)));
        Assert.Equal(new byte[] { 125, 0x40 }, Write(w => w.WriteAny(-0.0)));
        Assert.Equal(new byte[] { 118, 1, 1, (byte)'a', 119, 1, (byte)'b' }, Write(w => w.WriteAny(new Dictionary<string, object?> { ["a"] = "b" })));
        Assert.Equal(new byte[] { 117, 3, 126, 127, 120 }, Write(w => w.WriteAny(new List<object?> { null, JsUndefined.Value, true })));
    }

    [Fact]
    public void StringsAreUtf8WithLoneSurrogatesReplaced()
    {
        Assert.Equal(new byte[] { 4, 0xF0, 0x9F, 0x98, 0x80 }, Write(w => w.WriteVarString("😀")));
        Assert.Equal(new byte[] { 3, 0xEF, 0xBF, 0xBD }, Write(w => w.WriteVarString("\uD83D")));
        string longText = new('x', 300);
        var reader = new Lib0Reader(Write(w => w.WriteVarString(longText)));
        Assert.Equal(longText, reader.ReadVarString());
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(3.14159, "3.14159")]
    public void NumbersAreFormattedLikeJavaScript(double value, string expected) => Assert.Equal(expected, JsJson.FormatNumber(value));
}
