namespace ETwinning.Collab.Crdt.Tests.Unit;

/// <summary>
/// <see cref="YUpdateLimits"/>: updates that would make integration expensive (thousands of items at one
/// position from rising client ids, the "every later update costs more" attack) or that need missing
/// history are refused before anything changes; ordinary editing passes.
/// </summary>
public sealed class UpdateLimitsTests
{
    private static readonly YUpdateLimits ServerLimits = new() { MaxConflictSteps = 20_000, RefuseMissingDependencies = true };

    /// <summary>A document holding "ab" (client 1, clocks 0 and 1).</summary>
    private static YDoc Base()
    {
        var doc = new YDoc(clientId: 1);
        doc.GetText("t").Insert(0, "ab");
        return doc;
    }

    [Fact]
    public void ThousandsOfSiblingsInOneUpdateAreRefusedAndChangeNothing()
    {
        var doc = Base();
        var before = doc.EncodeStateAsUpdate();
        var error = Assert.Throws<CrdtLimitException>(() => doc.ApplyUpdate(CraftedUpdates.Siblings(1000, 2000), origin: null, ServerLimits));
        Assert.Equal(CrdtLimitReason.TooMuchWork, error.Reason);
        Assert.Contains("same position", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, doc.EncodeStateAsUpdate());
    }

    [Fact]
    public void SiblingsPiledUpOverManyUpdatesAreRefusedOnceTheyCostTooMuch()
    {
        var doc = Base();
        ulong client = 1000;
        int applied = 0;
        CrdtLimitException? refused = null;
        for (int u = 0; u < 100 && refused == null; u++, client += 50)
        {
            try
            {
                doc.ApplyUpdate(CraftedUpdates.Siblings(client, 50), origin: null, ServerLimits);
                applied++;
            }
            catch (CrdtLimitException e)
            {
                refused = e;
            }
        }
        Assert.NotNull(refused);
        // Each update of 50 items walks the ones already there, so the pile stops near limit / 50 items.
        Assert.InRange(applied * 50, 100, 20_000 / 50 + 50);
        Assert.Equal(2 + applied * 50, doc.GetText("t").Length);
        // Whoever sees the current text still types there at no cost.
        var editor = new YDoc(clientId: 5);
        editor.ApplyUpdate(doc.EncodeStateAsUpdate());
        byte[]? typed = null;
        editor.Updated += (_, e) => typed = e.Update;
        editor.GetText("t").Insert(1, "typed");
        Assert.Equal(0, doc.Check(typed!, ServerLimits).ConflictSteps);
    }

    [Fact]
    public void TheEstimateMatchesWhatIntegrationWalks()
    {
        // Without a limit the same update integrates; with a limit just above its estimate too.
        var doc = Base();
        doc.ApplyUpdate(CraftedUpdates.Siblings(1000, 100));
        var next = CraftedUpdates.Siblings(5000, 10);
        long steps = doc.Check(next, new YUpdateLimits { MaxConflictSteps = long.MaxValue - 1 }).ConflictSteps;
        // 10 items each walk the 100 earlier siblings, plus 0+1+..+9 among themselves.
        Assert.Equal(10 * 100 + 45, steps);
        Assert.Throws<CrdtLimitException>(() => doc.Check(next, new YUpdateLimits { MaxConflictSteps = steps - 1 }));
        doc.ApplyUpdate(next, origin: null, new YUpdateLimits { MaxConflictSteps = steps });
        Assert.Equal(112, doc.GetText("t").Length);
    }

    [Fact]
    public void ConcurrentTypingAndFormattingPassTheLimits()
    {
        var a = new YDoc(clientId: 10);
        var b = new YDoc(clientId: 20);
        var server = new YDoc(clientId: 99);
        var fromA = new List<byte[]>();
        var fromB = new List<byte[]>();
        a.Updated += (_, e) => fromA.Add(e.Update);
        b.Updated += (_, e) => fromB.Add(e.Update);
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            // Both type before seeing each other's keystrokes, as two editors on a slow network do.
            foreach (var (doc, name) in new[] { (a, "a"), (b, "b") })
            {
                var text = doc.GetText("t");
                int at = random.Next(text.Length + 1);
                if (random.Next(5) == 0 && text.Length > 2) doc.GetText("t").Format(0, 2, new Dictionary<string, object?> { ["bold"] = true });
                else if (random.Next(4) == 0 && text.Length > 0) text.Delete(random.Next(text.Length), 1);
                else text.Insert(at, name + round);
            }
            foreach (var update in fromA.Concat(fromB).ToList())
            {
                server.ApplyUpdate(server.Check(update, ServerLimits));
            }
            foreach (var update in fromA.ToList()) b.ApplyUpdate(update);
            foreach (var update in fromB.ToList()) a.ApplyUpdate(update);
            fromA.Clear();
            fromB.Clear();
        }
        Assert.Equal(a.GetText("t").ToString(), server.GetText("t").ToString());
        Assert.Equal(a.GetText("t").ToString(), b.GetText("t").ToString());
    }

    [Fact]
    public void UpdatesWithMissingHistoryAreRefusedWhenAsked()
    {
        var source = new YDoc(clientId: 3);
        var updates = new List<byte[]>();
        source.Updated += (_, e) => updates.Add(e.Update);
        source.GetText("t").Insert(0, "one");
        source.GetText("t").Insert(3, "two");
        source.GetText("t").Delete(0, 2);
        var server = new YDoc(clientId: 1);
        var before = server.EncodeStateAsUpdate();

        // The second update continues the client's history at clock 3, which the server lacks.
        var gap = Assert.Throws<CrdtLimitException>(() => server.ApplyUpdate(updates[1], origin: null, ServerLimits));
        Assert.Equal(CrdtLimitReason.MissingDependencies, gap.Reason);
        // Deleting clocks the server never saw is a gap too.
        Assert.Equal(CrdtLimitReason.MissingDependencies, Assert.Throws<CrdtLimitException>(() => server.ApplyUpdate(updates[2], origin: null, ServerLimits)).Reason);
        Assert.Equal(before, server.EncodeStateAsUpdate());
        Assert.False(server.HasPendingUpdates);

        // Without the flag the engine keeps them pending, as yjs does.
        var lenient = new YDoc(clientId: 2);
        lenient.ApplyUpdate(updates[1], origin: null, new YUpdateLimits { MaxConflictSteps = 1000 });
        Assert.True(lenient.HasPendingUpdates);

        // In order, or merged, they pass.
        server.ApplyUpdate(YUpdate.Merge(updates[0], updates[1]), origin: null, ServerLimits);
        server.ApplyUpdate(updates[2], origin: null, ServerLimits);
        Assert.Equal(source.GetText("t").ToString(), server.GetText("t").ToString());
    }

    [Fact]
    public void ACheckedUpdateAppliesOnceToItsOwnDocument()
    {
        var doc = Base();
        var other = Base();
        var update = CraftedUpdates.Siblings(1000, 3);
        var checkedUpdate = doc.Check(update, ServerLimits);
        Assert.Throws<InvalidOperationException>(() => other.ApplyUpdate(checkedUpdate));
        doc.ApplyUpdate(checkedUpdate);
        Assert.Throws<InvalidOperationException>(() => doc.ApplyUpdate(checkedUpdate));
        Assert.Equal(5, doc.GetText("t").Length);
    }
}
