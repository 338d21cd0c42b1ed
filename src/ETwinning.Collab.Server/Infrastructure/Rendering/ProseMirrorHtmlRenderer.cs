using System.Globalization;
using System.Net;
using System.Text;
using ETwinning.Collab.Crdt.Encoding;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Server.Infrastructure.Rendering;

/// <summary>
/// Renders a ProseMirror document held in a <see cref="YXmlFragment"/> (as y-prosemirror stores it) to HTML that is
/// safe by construction: only allowlisted nodes and marks become tags, every text and attribute is escaped, links
/// keep only http(s) and mailto URLs, images only sources the caller accepts. Unknown nodes degrade to their text.
/// </summary>
public static class ProseMirrorHtmlRenderer
{
    private const int MaxDepth = 64;

    // Marks from the outside in, so nesting is stable whatever order the attributes come in.
    private static readonly (string Mark, string Tag)[] Marks =
    [
        ("strong", "strong"), ("bold", "strong"), ("em", "em"), ("italic", "em"), ("underline", "u"),
        ("strike", "s"), ("strikethrough", "s"), ("code", "code"),
    ];

    /// <summary>Renders the fragment; <paramref name="imageSourceAllowed"/> decides which image sources may appear.</summary>
    public static string Render(YXmlFragment fragment, Func<string, bool> imageSourceAllowed)
    {
        ArgumentNullException.ThrowIfNull(imageSourceAllowed);
        return Render(fragment, source => imageSourceAllowed(source) ? source : null);
    }

    /// <summary>Renders the fragment; <paramref name="imageSource"/> maps a stored image source to the one the
    /// reader gets (public pages point at another route than the editor), or null to drop the image.</summary>
    public static string Render(YXmlFragment fragment, Func<string, string?> imageSource)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        ArgumentNullException.ThrowIfNull(imageSource);
        var html = new StringBuilder();
        foreach (var child in fragment.Children) Node(html, child, imageSource, 0);
        return html.ToString();
    }

    private static void Node(StringBuilder html, YType node, Func<string, string?> imageSource, int depth)
    {
        if (depth > MaxDepth) return;
        switch (node)
        {
            case YXmlText text: Text(html, text); break;
            case YXmlElement element: Element(html, element, imageSource, depth); break;
            case YXmlFragment fragment: Children(html, fragment, imageSource, depth); break;
        }
    }

    private static void Element(StringBuilder html, YXmlElement element, Func<string, string?> imageSource, int depth)
    {
        switch (element.NodeName)
        {
            case "paragraph": Wrap(html, "p", element, imageSource, depth); break;
            case "heading":
                var level = Math.Clamp(Number(element.GetAttribute("level")) ?? 1, 1, 6);
                Wrap(html, "h" + level.ToString(CultureInfo.InvariantCulture), element, imageSource, depth);
                break;
            case "blockquote": Wrap(html, "blockquote", element, imageSource, depth); break;
            case "bullet_list": Wrap(html, "ul", element, imageSource, depth); break;
            case "ordered_list":
                var start = Number(element.GetAttribute("order")) ?? 1;
                html.Append(start == 1 ? "<ol>" : $"<ol start=\"{start.ToString(CultureInfo.InvariantCulture)}\">");
                Children(html, element, imageSource, depth);
                html.Append("</ol>");
                break;
            case "list_item": Wrap(html, "li", element, imageSource, depth); break;
            case "code_block":
                html.Append("<pre><code>");
                Children(html, element, imageSource, depth);
                html.Append("</code></pre>");
                break;
            case "hard_break": html.Append("<br>"); break;
            case "horizontal_rule": html.Append("<hr>"); break;
            case "image":
                var src = element.GetAttribute("src") is string stored ? imageSource(stored) : null;
                var alt = element.GetAttribute("alt") as string ?? "";
                if (src is not null)
                {
                    html.Append("<img src=\"").Append(Escape(src)).Append("\" alt=\"").Append(Escape(alt)).Append('"');
                    if (element.GetAttribute("title") is string title) html.Append(" title=\"").Append(Escape(title)).Append('"');
                    html.Append('>');
                }
                else html.Append(Escape(alt));
                break;
            default: Children(html, element, imageSource, depth); break;
        }
    }

    private static void Wrap(StringBuilder html, string tag, YXmlElement element, Func<string, string?> imageSource, int depth)
    {
        html.Append('<').Append(tag).Append('>');
        Children(html, element, imageSource, depth);
        html.Append("</").Append(tag).Append('>');
    }

    private static void Children(StringBuilder html, YXmlFragment parent, Func<string, string?> imageSource, int depth)
    {
        foreach (var child in parent.Children) Node(html, child, imageSource, depth + 1);
    }

    private static void Text(StringBuilder html, YXmlText text)
    {
        foreach (var delta in text.ToDelta())
        {
            if (delta.Insert is not string run) continue;
            var attributes = delta.Attributes ?? new Dictionary<string, object?>();
            var href = attributes.TryGetValue("link", out var link) ? SafeHref(link) : null;
            var tags = Marks.Where(m => attributes.TryGetValue(m.Mark, out var v) && v is not (null or false))
                .Select(m => m.Tag).Distinct().ToList();
            if (href is not null) html.Append("<a href=\"").Append(Escape(href)).Append("\" rel=\"noopener noreferrer nofollow\">");
            foreach (var tag in tags) html.Append('<').Append(tag).Append('>');
            html.Append(Escape(run));
            for (var i = tags.Count - 1; i >= 0; i--) html.Append("</").Append(tags[i]).Append('>');
            if (href is not null) html.Append("</a>");
        }
    }

    /// <summary>Only absolute http, https and mailto URLs; anything else (javascript:, data:, relative tricks) is dropped.</summary>
    public static string? SafeHref(object? linkMark)
    {
        var href = linkMark switch
        {
            IReadOnlyDictionary<string, object?> attributes => attributes.TryGetValue("href", out var h) ? h as string : null,
            string s => s,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(href) || href.Length > 2_048 || href.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return null;
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri)) return null;
        return uri.Scheme is "http" or "https" or "mailto" ? uri.AbsoluteUri : null;
    }

    private static int? Number(object? value) =>
        JsValues.TryGetNumber(value, out var number) && number is >= 0 and <= 1_000_000 ? (int)number
        : value is string s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static string Escape(string value) => WebUtility.HtmlEncode(value);
}
