using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Types;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Infrastructure.Rendering;

namespace ETwinning.Collab.Server.Tests.Pages;

public sealed class ProseMirrorHtmlRendererTests
{
    private readonly YDoc _doc = new();

    private YXmlFragment Body => _doc.GetXmlFragment(PageBody.FragmentName);

    private YXmlElement Element(YXmlFragment parent, string name, params (string Name, object? Value)[] attributes)
    {
        var element = new YXmlElement(name);
        parent.Insert(parent.Length, element);
        foreach (var (key, value) in attributes) element.SetAttribute(key, value);
        return element;
    }

    private static YXmlText Text(YXmlFragment parent, string text, Dictionary<string, object?>? marks = null)
    {
        var node = new YXmlText();
        parent.Insert(parent.Length, node);
        node.Insert(0, text, marks);
        return node;
    }

    private static Dictionary<string, object?> Link(string href) => new() { ["link"] = new Dictionary<string, object?> { ["href"] = href } };

    [Fact]
    public void The_schema_of_the_web_client_renders_to_its_html_tags()
    {
        _doc.Transact(_ =>
        {
            Text(Element(Body, "heading", ("level", 2)), "Title");
            var paragraph = Element(Body, "paragraph");
            Text(paragraph, "bold", new() { ["strong"] = new Dictionary<string, object?>() });
            Element(paragraph, "hard_break");
            Text(paragraph, "all", new() { ["code"] = true, ["em"] = true, ["underline"] = true, ["strike"] = true, ["strong"] = true });
            Text(Element(Element(Element(Body, "ordered_list", ("order", 3)), "list_item"), "paragraph"), "third");
            Text(Element(Element(Element(Body, "bullet_list"), "list_item"), "paragraph"), "dot");
            Text(Element(Element(Body, "blockquote"), "paragraph"), "quoted");
            Text(Element(Body, "code_block"), "x < 1");
            Text(Element(Body, "paragraph"), "site", Link("https://school.example/a?b=1"));
            Element(Body, "image", ("src", "/api/twinspaces/abc123/materials/m42/preview"), ("alt", "Our logo"));
            Element(Body, "horizontal_rule");
        });

        Assert.Equal(
            "<h2>Title</h2><p><strong>bold</strong><br><strong><em><u><s><code>all</code></s></u></em></strong></p>"
            + "<ol start=\"3\"><li><p>third</p></li></ol><ul><li><p>dot</p></li></ul><blockquote><p>quoted</p></blockquote>"
            + "<pre><code>x &lt; 1</code></pre>"
            + "<p><a href=\"https://school.example/a?b=1\" rel=\"noopener noreferrer nofollow\">site</a></p>"
            + "<img src=\"/api/twinspaces/abc123/materials/m42/preview\" alt=\"Our logo\"><hr>",
            PageHtml.Render(_doc));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox")]
    [InlineData("//evil.example/x")]
    [InlineData("/relative")]
    public void Links_other_than_http_https_and_mailto_lose_their_anchor(string href)
    {
        _doc.Transact(_ => Text(Element(Body, "paragraph"), "click", Link(href)));
        Assert.Equal("<p>click</p>", PageHtml.Render(_doc));
    }

    [Fact]
    public void Quotes_in_links_cannot_break_out_of_the_attribute()
    {
        _doc.Transact(_ => Text(Element(Body, "paragraph"), "x", Link("https://a.example/\"onmouseover=\"alert(1)")));
        var html = PageHtml.Render(_doc);
        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
        Assert.StartsWith("<p><a href=\"https://a.example/%22onmouseover=%22alert(1)\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_nodes_and_attributes_degrade_to_escaped_text()
    {
        _doc.Transact(_ =>
        {
            Text(Element(Body, "script"), "alert('x')");
            Text(Element(Body, "img", ("src", "x"), ("onerror", "alert(1)")), "<b>not bold</b>");
            Text(Element(Body, "paragraph", ("onclick", "alert(1)"), ("style", "x")), "plain");
            Text(Element(Body, "heading", ("level", "<script>")), "h");
            Text(Element(Body, "heading", ("level", 9)), "deep");
        });
        Assert.Equal("alert(&#39;x&#39;)&lt;b&gt;not bold&lt;/b&gt;<p>plain</p><h1>h</h1><h6>deep</h6>", PageHtml.Render(_doc));
    }

    [Theory]
    [InlineData("https://tracker.example/pixel.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/api/twinspaces/abc/materials/../../../etc/passwd")]
    [InlineData("/api/twinspaces/abc/materials/x\" onerror=\"alert(1)")]
    [InlineData("/api/accounts/me")]
    [InlineData("/api/twinspaces/abc/materials/m42/preview/extra")]
    [InlineData("/api/public/twinspaces/abc/pages/p1")]
    public void Images_come_only_from_our_materials_routes(string source)
    {
        _doc.Transact(_ => Element(Body, "image", ("src", source), ("alt", "<alt>")));
        Assert.Equal("&lt;alt&gt;", PageHtml.Render(_doc));
    }

    [Fact]
    public void Public_rendering_points_images_at_the_public_route_and_drops_other_twinspaces_images()
    {
        _doc.Transact(_ =>
        {
            Element(Body, "image", ("src", "/api/twinspaces/abc/materials/m1/preview"), ("alt", "ours"), ("title", "River"));
            Element(Body, "image", ("src", "/api/twinspaces/other/materials/m2/preview"), ("alt", "theirs"));
        });

        Assert.Equal("<img src=\"/api/public/abc/materials/m1/preview\" alt=\"ours\" title=\"River\">theirs", PageHtml.RenderPublic(_doc, "abc"));
        Assert.Equal(["m1"], PageHtml.ReferencedMaterials(_doc, "abc"));
    }

    [Fact]
    public void Mailto_links_are_kept()
    {
        Assert.Equal("mailto:class@school.example", ProseMirrorHtmlRenderer.SafeHref(new Dictionary<string, object?> { ["href"] = "mailto:class@school.example" }));
    }
}
