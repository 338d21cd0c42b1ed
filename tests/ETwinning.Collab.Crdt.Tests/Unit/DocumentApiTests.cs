using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Tests.Unit;

/// <summary>Behaviour of the local editing API, events and exports.</summary>
public sealed class DocumentApiTests
{
    [Fact]
    public void TextFormattingProducesTheExpectedDelta()
    {
        var doc = new YDoc(clientId: 1);
        var text = doc.GetText("text");
        text.Insert(0, "Hello world");
        text.Format(0, 5, new Dictionary<string, object?> { ["bold"] = true });
        text.Insert(5, "!", new Dictionary<string, object?> { ["italic"] = true });
        text.InsertEmbed(0, new Dictionary<string, object?> { ["image"] = "a.png" });
        text.Delete(7, 1);

        var delta = text.ToDelta();
        Assert.Equal(4, delta.Count);
        Assert.Equal("a.png", ((IReadOnlyDictionary<string, object?>)delta[0].Insert)["image"]);
        Assert.Equal("Hello", delta[1].Insert);
        Assert.Equal(true, delta[1].Attributes!["bold"]);
        Assert.Equal("!", delta[2].Insert);
        Assert.False(delta[2].Attributes!.ContainsKey("bold"));
        Assert.Equal("world", delta[3].Insert);
        Assert.Null(delta[3].Attributes);
        Assert.Equal("Hello!world", text.ToString());
    }

    [Fact]
    public void TransactionsReportWhatChanged()
    {
        var doc = new YDoc(clientId: 1);
        var events = new List<TransactionEventArgs>();
        var updates = new List<byte[]>();
        doc.AfterTransaction += (_, e) => events.Add(e);
        doc.Updated += (_, e) => updates.Add(e.Update);
        doc.Transact(_ =>
        {
            doc.GetMap("meta").Set("title", "Page");
            doc.GetArray("list").Push(1, "two", new YMap());
        }, origin: "test");

        var e = Assert.Single(events);
        Assert.True(e.HasChanges);
        Assert.True(e.Transaction.Local);
        Assert.Equal("test", e.Transaction.Origin);
        Assert.Equal(["list", "meta"], e.ChangedRoots.Order());

        var remote = new YDoc(clientId: 2);
        var remoteEvents = new List<TransactionEventArgs>();
        remote.AfterTransaction += (_, re) => remoteEvents.Add(re);
        remote.ApplyUpdate(Assert.Single(updates));
        Assert.False(Assert.Single(remoteEvents).Transaction.Local);
        Assert.Equal("Page", remote.GetMap("meta").Get("title"));
        Assert.Equal(3, remote.GetArray("list").Length);
        Assert.IsType<YMap>(remote.GetArray("list").Get(2));
    }

    [Fact]
    public void XmlTreeIsExportedWithAttributesAndMarks()
    {
        var doc = new YDoc(clientId: 1);
        var fragment = doc.GetXmlFragment("prosemirror");
        var paragraph = new YXmlElement("paragraph");
        fragment.Insert(0, paragraph);
        paragraph.SetAttribute("align", "center");
        var text = new YXmlText();
        paragraph.Insert(0, text);
        text.Insert(0, "Hi there");
        text.Format(3, 5, new Dictionary<string, object?> { ["link"] = new Dictionary<string, object?> { ["href"] = "https://e.org" } });

        Assert.Equal("<paragraph align=\"center\">Hi <link href=\"https://e.org\">there</link></paragraph>", fragment.ToXmlString());
        var element = Assert.IsType<YXmlElement>(Assert.Single(fragment.Children));
        Assert.Equal("paragraph", element.NodeName);
        Assert.Equal("center", element.GetAttributes()["align"]);
        Assert.Equal(2, Assert.IsType<YXmlText>(Assert.Single(element.Children)).ToDelta().Count);
    }

    [Fact]
    public void UnknownRootsAreKeptAndReencoded()
    {
        var source = new YDoc(clientId: 1);
        source.GetText("body").Insert(0, "kept");
        var relay = new YDoc(clientId: 2);
        relay.ApplyUpdate(source.EncodeStateAsUpdate());
        Assert.Contains("body", relay.RootNames);

        var target = new YDoc(clientId: 3);
        target.ApplyUpdate(relay.EncodeStateAsUpdate());
        Assert.Equal("kept", target.GetText("body").ToString());
        Assert.Equal(source.EncodeStateAsUpdate(), relay.EncodeStateAsUpdate());
    }

    [Fact]
    public void OutOfOrderUpdatesWaitUntilTheirDependenciesArrive()
    {
        var source = new YDoc(clientId: 1);
        var updates = new List<byte[]>();
        source.Updated += (_, e) => updates.Add(e.Update);
        var text = source.GetText("t");
        text.Insert(0, "ab");
        text.Insert(2, "cd");
        text.Delete(0, 1);

        var target = new YDoc(clientId: 2);
        target.ApplyUpdate(updates[2]);
        target.ApplyUpdate(updates[1]);
        Assert.True(target.HasPendingUpdates);
        Assert.Equal("", target.GetText("t").ToString());
        target.ApplyUpdate(updates[0]);
        Assert.False(target.HasPendingUpdates);
        Assert.Equal("bcd", target.GetText("t").ToString());
    }

    [Fact]
    public void DeletedContentIsGarbageCollectedAndMerged()
    {
        var doc = new YDoc(clientId: 1);
        var text = doc.GetText("t");
        for (int i = 0; i < 100; i++) text.Insert(i, "x");
        text.Delete(10, 80);
        var update = doc.EncodeStateAsUpdate();
        // One client, three items (10 live, 80 deleted, 10 live) and one delete range: well under 60 bytes (80 separate items would need hundreds).
        Assert.True(update.Length < 60, $"update is {update.Length} bytes");
        var copy = new YDoc(clientId: 2);
        copy.ApplyUpdate(update);
        Assert.Equal(new string('x', 20), copy.GetText("t").ToString());
    }
}
