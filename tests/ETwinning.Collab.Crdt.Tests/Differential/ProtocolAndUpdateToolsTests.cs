using ETwinning.Collab.Crdt.Protocol;

namespace ETwinning.Collab.Crdt.Tests.Differential;

/// <summary>Sync messages, awareness updates and document-free update tools, checked against
/// y-protocols and yjs.</summary>
public sealed class ProtocolAndUpdateToolsTests : IDisposable
{
    private readonly YjsHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static YDoc EditedDoc(int seed, ulong clientId)
    {
        var doc = new YDoc(clientId);
        var editor = new RandomEditor(new Random(seed));
        for (int i = 0; i < 20; i++) doc.Transact(_ => editor.Edit(doc));
        return doc;
    }

    [Fact]
    public void SyncMessagesAndAwarenessMatchYProtocols()
    {
        var doc = EditedDoc(3, 77);
        var partial = EditedDoc(4, 78);
        byte[] remoteSv = partial.EncodeStateVector();
        byte[] awareness = AwarenessUpdate.Encode(
        [
            new AwarenessClientState(5, 3, "{\"user\":{\"name\":\"Ann\",\"color\":\"#f00\"},\"cursor\":null}"),
            new AwarenessClientState(9, 1, "{\"x\":1.5}"),
        ]);
        var reference = _harness.Call(new
        {
            cmd = "protocol",
            state = Convert.ToBase64String(doc.EncodeStateAsUpdate()),
            sv = Convert.ToBase64String(remoteSv),
            awareness = Convert.ToBase64String(awareness),
            ids = new[] { 5, 9 },
        });

        Assert.Equal((string)reference["step1"]!, Convert.ToBase64String(SyncProtocol.EncodeSyncStep1(doc)));
        Assert.Equal((string)reference["step2"]!, Convert.ToBase64String(SyncProtocol.EncodeSyncStep2(doc, remoteSv)));
        Assert.Equal((string)reference["update"]!, Convert.ToBase64String(SyncProtocol.EncodeUpdate(doc.EncodeStateAsUpdate())));
        Assert.Equal((string)reference["awareness"]!, Convert.ToBase64String(awareness));
        Assert.Equal("[{\"user\":{\"name\":\"Ann\",\"color\":\"#f00\"},\"cursor\":null},{\"x\":1.5}]", (string)reference["states"]!);

        var decoded = AwarenessUpdate.Decode(awareness);
        Assert.Equal([5UL, 9UL], decoded.Select(c => c.ClientId));
        Assert.Equal(1.5, ((IReadOnlyDictionary<string, object?>)decoded[1].ParseState()!)["x"]);
    }

    [Fact]
    public void HandlingSyncStepsBringsTwoDocumentsTogether()
    {
        var a = EditedDoc(5, 1);
        var b = EditedDoc(6, 2);
        var replyToA = SyncProtocol.Handle(b, SyncProtocol.EncodeSyncStep1(a));
        Assert.Equal(SyncMessageType.SyncStep2, SyncProtocol.Decode(replyToA!).Type);
        Assert.Null(SyncProtocol.Handle(a, replyToA!));
        Assert.Null(SyncProtocol.Handle(b, SyncProtocol.Handle(a, SyncProtocol.EncodeSyncStep1(b))!));
        Assert.Equal(Canonical.Of(a), Canonical.Of(b));
        Assert.Throws<CrdtFormatException>(() => SyncProtocol.Decode([7, 0]));
    }

    [Fact]
    public void MergeDiffAndStateVectorFromUpdateAgreeWithYjs()
    {
        for (int seed = 1; seed <= 150; seed++)
        {
            var session = _harness.Call(new { cmd = "session", seed });
            var updates = session["updates"]!.AsArray().Select(u => Convert.FromBase64String((string)u!)).ToArray();
            byte[] merged = YUpdate.Merge(updates);

            // Loading the merged update gives what loading yjs's merge of the same updates gives,
            // and the same state vector as applying them one by one.
            var yjsMerged = (string)_harness.Call(new { cmd = "merge", updates = updates.Select(Convert.ToBase64String).ToArray() })["update"]!;
            var viaMerged = _harness.Call(new { cmd = "load", updates = new[] { Convert.ToBase64String(merged) } });
            var viaYjsMerged = _harness.Call(new { cmd = "load", updates = new[] { yjsMerged } });
            var all = new YDoc(clientId: 1);
            foreach (var update in updates) all.ApplyUpdate(update);
            Assert.True(Canonical.SplitPairs((string)viaYjsMerged["content"]!) == Canonical.SplitPairs((string)viaMerged["content"]!), $"seed {seed}: merged content");
            Assert.True((string)viaYjsMerged["sv"]! == (string)viaMerged["sv"]!, $"seed {seed}: state vector after merged update");
            var fromMerged = new YDoc(clientId: 1);
            fromMerged.ApplyUpdate(merged);
            Assert.True(Canonical.Of(fromMerged) == (string)viaMerged["content"]!, $"seed {seed}: C# loading the merged update");

            // The state vector derived from an update matches yjs's.
            var sv = _harness.Call(new { cmd = "svFromUpdate", update = Convert.ToBase64String(merged) });
            Assert.True((string)sv["sv"]! == Convert.ToBase64String(YUpdate.StateVectorFromUpdate(merged)), $"seed {seed}: state vector from update");

            // A diff against a partial replica completes it.
            if (all.HasPendingUpdates) continue;
            var partial = new YDoc(clientId: 2);
            foreach (var update in updates.Take(updates.Length / 2)) partial.ApplyUpdate(update);
            var state = all.EncodeStateAsUpdate();
            partial.ApplyUpdate(YUpdate.DiffUpdate(state, partial.EncodeStateVector()));
            Assert.True(Canonical.Of(all) == Canonical.Of(partial), $"seed {seed}: diff content");
            var yjsDiff = _harness.Call(new { cmd = "diff", update = Convert.ToBase64String(state), sv = Convert.ToBase64String(partial.EncodeStateVector()) });
            Assert.True(Convert.ToBase64String(YUpdate.DiffUpdate(state, partial.EncodeStateVector())) == (string)yjsDiff["update"]!, $"seed {seed}: diff bytes");
        }
    }
}
