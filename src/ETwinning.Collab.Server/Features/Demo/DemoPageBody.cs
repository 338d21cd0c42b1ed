using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Types;
using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.Server.Features.Demo;

/// <summary>
/// Writes a demo page's body into its Yjs document in the shape the web client's editor uses (ProseMirror nodes in
/// the <c>prosemirror</c> fragment, docs/pages.md), so the demo pages open in the editor like any other page.
/// </summary>
internal sealed class DemoPageBody(YDoc document)
{
    private readonly YXmlFragment _body = document.GetXmlFragment(PageBody.FragmentName);

    public DemoPageBody Heading(string text, int level = 2)
    {
        Text(Element(_body, "heading", ("level", level)), text);
        return this;
    }

    public DemoPageBody Paragraph(string text, string? bold = null)
    {
        var paragraph = Element(_body, "paragraph");
        Text(paragraph, text);
        if (bold is not null) Text(paragraph, bold, new Dictionary<string, object?> { ["strong"] = new Dictionary<string, object?>() });
        return this;
    }

    public DemoPageBody Bullets(params string[] items) => List("bullet_list", items);

    public DemoPageBody Numbered(params string[] items) => List("ordered_list", items);

    public DemoPageBody Quote(string text)
    {
        Text(Element(Element(_body, "blockquote"), "paragraph"), text);
        return this;
    }

    /// <summary>A picture of the TwinSpace by its members' route, which the server renders (and rewrites on public pages).</summary>
    public DemoPageBody Picture(string twinSpaceId, string materialId, string alt)
    {
        Element(Element(_body, "paragraph"), "image",
            ("src", $"/api/twinspaces/{twinSpaceId}/materials/{materialId}/preview"), ("alt", alt));
        return this;
    }

    private DemoPageBody List(string kind, string[] items)
    {
        var list = Element(_body, kind);
        foreach (var item in items) Text(Element(Element(list, "list_item"), "paragraph"), item);
        return this;
    }

    private static YXmlElement Element(YXmlFragment parent, string name, params (string Name, object? Value)[] attributes)
    {
        var element = new YXmlElement(name);
        parent.Insert(parent.Length, element);
        foreach (var (key, value) in attributes) element.SetAttribute(key, value);
        return element;
    }

    private static void Text(YXmlFragment parent, string text, Dictionary<string, object?>? marks = null)
    {
        var node = new YXmlText();
        parent.Insert(parent.Length, node);
        node.Insert(0, text, marks);
    }
}
