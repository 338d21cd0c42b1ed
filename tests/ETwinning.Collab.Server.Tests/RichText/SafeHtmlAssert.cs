using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ETwinning.Collab.Server.Infrastructure.RichText;

namespace ETwinning.Collab.Server.Tests.RichText;

/// <summary>
/// Checks rendered HTML the way a browser will read it: parsed into a DOM, every element and attribute must be on
/// the allowlist, no attribute may be an event handler or style, and every link must use an allowed scheme.
/// </summary>
internal static partial class SafeHtmlAssert
{
    private static readonly HashSet<string> ServerAttributes = ["rel", "target"];

    public static void IsSafe(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(EventHandlerInTag(), html);

        var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            Assert.Contains(element.LocalName, RichTextAllowlist.Tags);
            foreach (var attribute in element.Attributes)
            {
                Assert.True(RichTextAllowlist.Attributes.Contains(attribute.Name) || ServerAttributes.Contains(attribute.Name),
                    $"attribute {attribute.Name} on <{element.LocalName}> in: {html}");
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), html);
            }
            if (element.GetAttribute("href") is { } href) AssertSafeUrl(href, html);
            if (element.LocalName == "a")
            {
                Assert.Equal(RichTextAllowlist.LinkRel, element.GetAttribute("rel"));
                Assert.True(element.GetAttribute("target") is null or "_blank", html);
            }
        }
    }

    private static void AssertSafeUrl(string href, string html)
    {
        // What the browser would use as the scheme: leading spaces and control characters are ignored, and tabs
        // and newlines inside the URL are removed before parsing.
        var cleaned = new string(href.Where(c => c > ' ' && c != '\u007F').ToArray());
        Assert.DoesNotContain("javascript:", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.False(cleaned.StartsWith("data:", StringComparison.OrdinalIgnoreCase), html);
        var scheme = SchemePrefix().Match(cleaned);
        if (scheme.Success)
            Assert.Contains(scheme.Groups[1].Value.ToLowerInvariant(), RichTextAllowlist.Schemes);
    }

    // An attribute named on... inside a tag: attributes before it are skipped whole, quoted values included, so
    // " onmouseover=" inside a title's (escaped) value does not count, and escaped text ("&lt;b on...") neither.
    [GeneratedRegex(@"<[a-z][a-z0-9]*(\s+[^\s=>""']+(\s*=\s*(""[^""]*""|'[^']*'|[^\s>""'][^\s>]*))?)*?\s+on[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerInTag();

    [GeneratedRegex(@"^([a-z][a-z0-9+.\-]*):", RegexOptions.IgnoreCase)]
    private static partial Regex SchemePrefix();
}
