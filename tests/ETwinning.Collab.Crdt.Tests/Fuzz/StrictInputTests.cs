using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.Crdt.Tests.Differential;

namespace ETwinning.Collab.Crdt.Tests.Fuzz;

/// <summary>
/// Updates with bytes after the delete set or with strings that are not valid UTF-8 are refused.
/// yjs itself ignores trailing bytes and decodes invalid UTF-8 to U+FFFD, but no yjs client produces
/// either (lib0 writes strings with TextEncoder), and a server that accepted them would store and
/// relay bytes that mean different things to different readers.
/// </summary>
public sealed class StrictInputTests : IDisposable
{
    private readonly YjsHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static byte[] TextUpdate(string text)
    {
        var doc = new YDoc(clientId: 3);
        doc.GetText("text").Insert(0, text);
        return doc.EncodeStateAsUpdate();
    }

    private static void AssertRefusedEverywhere(byte[] update, string messagePart)
    {
        var doc = new YDoc(clientId: 1);
        doc.GetText("text").Insert(0, "keep");
        var before = doc.EncodeStateAsUpdate();
        Assert.Contains(messagePart, Assert.Throws<CrdtFormatException>(() => YUpdate.Validate(update)).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<CrdtFormatException>(() => doc.ApplyUpdate(update));
        Assert.Throws<CrdtFormatException>(() => doc.Check(update, new YUpdateLimits()));
        Assert.Throws<CrdtFormatException>(() => YUpdate.Merge(before, update));
        Assert.Throws<CrdtFormatException>(() => YUpdate.StateVectorFromUpdate(update));
        Assert.Equal(before, doc.EncodeStateAsUpdate());
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 0 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    public void TrailingBytesAreRefused(byte[] tail)
    {
        var update = TextUpdate("hello");
        YUpdate.Validate(update);
        AssertRefusedEverywhere([.. update, .. tail], "trailing");
    }

    [Fact]
    public void TrailingBytesAfterAnEmptyUpdateAreRefused()
    {
        YUpdate.Validate([0, 0]);
        AssertRefusedEverywhere([0, 0, 0], "trailing");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, (byte)'y', (byte)'z' })]
    [InlineData(new byte[] { 0xC0, 0xAF, (byte)'z' })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { (byte)'x', (byte)'y', 0xC3 })]
    [InlineData(new byte[] { 0x80, (byte)'y', (byte)'z' })]
    public void InvalidUtf8InTextIsRefused(byte[] replacement)
    {
        var update = TextUpdate("xyz");
        int at = update.AsSpan().IndexOf("xyz"u8);
        replacement.CopyTo(update, at);
        AssertRefusedEverywhere(update, "UTF-8");
    }

    [Fact]
    public void InvalidUtf8InARootNameIsRefused()
    {
        var doc = new YDoc(clientId: 3);
        doc.GetMap("abc").Set("k", 1.0);
        var update = doc.EncodeStateAsUpdate();
        update[update.AsSpan().IndexOf("abc"u8) + 1] = 0xFE;
        AssertRefusedEverywhere(update, "UTF-8");
    }

    [Fact]
    public void InvalidUtf8InAwarenessIsRefused()
    {
        var update = AwarenessUpdate.Encode(1, 1, new Dictionary<string, object?> { ["name"] = "abc" });
        update[update.AsSpan().IndexOf("abc"u8)] = 0xFF;
        Assert.Throws<CrdtFormatException>(() => AwarenessUpdate.Decode(update));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("Grüße, 你好, emoji 😀 and ZWJ 👩‍👩‍👧")]
    [InlineData("lone high \ud800 surrogate")]
    [InlineData("lone low \udc00 surrogate at the end \ud83d")]
    [InlineData("\udfff\ud800 reversed pair")]
    public void EveryStringYjsWritesIsAccepted(string text)
    {
        // yjs writes lone surrogates as U+FFFD (TextEncoder), so its updates are always valid UTF-8.
        var fromYjs = _harness.Call(new { cmd = "strings", text });
        var update = Convert.FromBase64String((string)fromYjs["update"]!);
        YUpdate.Validate(update);
        var doc = new YDoc(clientId: 1);
        doc.ApplyUpdate(update, origin: null, new YUpdateLimits { MaxConflictSteps = 1000, RefuseMissingDependencies = true });
        Assert.Equal((string)fromYjs["text"]!, doc.GetText("text").ToString());
        Assert.Equal(fromYjs["map"]!.ToJsonString(), System.Text.Json.JsonSerializer.Serialize(doc.GetMap("map").ToJson()));
        Assert.Equal(update, doc.EncodeStateAsUpdate());
    }
}
