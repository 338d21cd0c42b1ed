using System.Text.RegularExpressions;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Server.Infrastructure.Rendering;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Page bodies as sanitized HTML: images may only come from a TwinSpace's materials.</summary>
public static partial class PageHtml
{
    /// <summary>Renders a document's page body.</summary>
    public static string Render(YDoc document) =>
        ProseMirrorHtmlRenderer.Render(document.GetXmlFragment(PageBody.FragmentName), IsMaterialImage);

    /// <summary>Renders a body stored as one update (a version).</summary>
    public static string RenderUpdate(byte[] update)
    {
        var document = new YDoc();
        document.ApplyUpdate(update);
        return Render(document);
    }

    /// <summary>Relative URLs of our Materials routes only: no other host can be made to load from a page.</summary>
    public static bool IsMaterialImage(string source) => MaterialImage().IsMatch(source) && !source.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex(@"^/api/(public/)?twinspaces/[A-Za-z0-9]{1,64}/materials/[A-Za-z0-9][A-Za-z0-9/_.\-]{0,200}$")]
    private static partial Regex MaterialImage();
}
