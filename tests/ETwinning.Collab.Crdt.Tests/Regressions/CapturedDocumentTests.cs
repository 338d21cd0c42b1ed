using ETwinning.Collab.Crdt;

namespace ETwinning.Collab.Crdt.Tests.Regressions;

/// <summary>
/// Documents captured from the full stack (real yjs clients editing one page through the server) whose rendering
/// once differed from yjs. Each pair is the full-state update and what yjs 13.6's <c>toString()</c> made of it.
/// </summary>
public sealed class CapturedDocumentTests
{
    /// <summary>
    /// Four clients typing bold and plain text concurrently: yjs keeps two adjacent bold runs apart when a visible
    /// format mark lies between them (<c>&lt;strong&gt;AAAAAACC&lt;/strong&gt;&lt;strong&gt;AA&lt;/strong&gt;</c>);
    /// the engine once merged them because their attributes were equal.
    /// </summary>
    [Fact]
    public void Concurrent_bold_runs_render_as_yjs_renders_them()
    {
        var doc = new YDoc();
        doc.ApplyUpdate(File.ReadAllBytes(DataFile("concurrent-bold-runs.update.bin")));

        var xml = doc.GetXmlFragment("prosemirror").ToXmlString();

        Assert.Contains("<strong>AAAAAACC</strong><strong>AA</strong>", xml, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(DataFile("concurrent-bold-runs.yjs.xml")), xml);
    }

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Regressions", "Data", name);
}
