using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace ETwinning.Collab.Server.Infrastructure.RichText;

/// <summary>
/// Markdown in, safe HTML out: Markdig with raw HTML disabled, then HtmlSanitizer with the
/// <see cref="RichTextAllowlist"/>. Two layers on purpose: Markdig alone passes <c>javascript:</c> links and would
/// pass any HTML a future pipeline option let through; the sanitizer alone would not know Markdown. Thread-safe.
/// </summary>
public sealed class RichTextRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>Renders <paramref name="markdown"/> (already size-checked by the caller) to sanitized HTML.</summary>
    public string Render(string markdown)
    {
        var document = Markdown.Parse(Normalize(markdown), _pipeline);
        // Pictures come from Materials, never from URLs in text (tracking pixels, unvetted content): an image
        // written in Markdown becomes a link to its URL, with the alt text as the link text.
        foreach (var link in Markdig.Syntax.MarkdownObjectExtensions.Descendants<LinkInline>(document)) link.IsImage = false;
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitize(writer.ToString());
    }

    /// <summary>Sanitizes HTML built elsewhere from trusted parts (e.g. a quote wrapper) with the same allowlist.</summary>
    public string Sanitize(string html) => _sanitizer.Sanitize(html).Trim();

    /// <summary>
    /// Drops characters that only serve to disguise text: C0/C1 controls (except line breaks and tabs) and the
    /// bidirectional overrides and isolates that make "gpj.exe" read as "exe.jpg". Zero-width joiners stay:
    /// emoji need them.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t') builder.Append(c);
            else if (c == '\r') continue;
            else if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F') continue;
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(RichTextAllowlist.Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(RichTextAllowlist.Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(RichTextAllowlist.Schemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options) { AllowDataAttributes = false, KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement { LocalName: "a" } link) return;
            link.SetAttribute("rel", RichTextAllowlist.LinkRel);
            var href = link.GetAttribute("href");
            if (href is not null && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                link.SetAttribute("target", "_blank");
        };
        return sanitizer;
    }
}
