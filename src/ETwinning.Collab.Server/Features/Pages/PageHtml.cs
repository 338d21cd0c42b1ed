using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Types;
using ETwinning.Collab.Server.Infrastructure.Rendering;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Page bodies as sanitized HTML: images may only come from a TwinSpace's materials.</summary>
public static class PageHtml
{
    /// <summary>Renders a document's page body for members (editor previews, versions, the export): sources as stored.</summary>
    public static string Render(YDoc document) =>
        ProseMirrorHtmlRenderer.Render(document.GetXmlFragment(PageBody.FragmentName), IsMaterialImage);

    /// <summary>
    /// Renders a page body for anonymous readers: every image points at the public materials route (members' URLs
    /// need a login), and images of other TwinSpaces are dropped, since only this TwinSpace's pages make its
    /// materials public (see <see cref="PublishedPageAssets"/>).
    /// </summary>
    public static string RenderPublic(YDoc document, string twinSpaceId) =>
        ProseMirrorHtmlRenderer.Render(document.GetXmlFragment(PageBody.FragmentName),
            source => PageImageSource.Parse(source) is { } image && image.TwinSpaceId == twinSpaceId ? image.PublicUrl : null);

    /// <summary>Renders a body stored as one update (a version).</summary>
    public static string RenderUpdate(byte[] update)
    {
        var document = new YDoc();
        document.ApplyUpdate(update);
        return Render(document);
    }

    /// <summary>Relative URLs of our Materials routes only: no other host can be made to load from a page.</summary>
    public static bool IsMaterialImage(string source) => PageImageSource.Parse(source) is not null;

    /// <summary>Ids of the materials of <paramref name="twinSpaceId"/> that the body's image nodes show.</summary>
    public static HashSet<string> ReferencedMaterials(YDoc document, string twinSpaceId)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Collect(document.GetXmlFragment(PageBody.FragmentName), twinSpaceId, ids, 0);
        return ids;
    }

    private static void Collect(YXmlFragment parent, string twinSpaceId, HashSet<string> ids, int depth)
    {
        if (depth > 64) return; // as deep as the renderer goes: deeper images are never shown, so never public
        foreach (var child in parent.Children)
        {
            if (child is YXmlElement { NodeName: "image" } image
                && PageImageSource.Parse(image.GetAttribute("src") as string) is { } source && source.TwinSpaceId == twinSpaceId)
                ids.Add(source.MaterialId);
            if (child is YXmlFragment nested) Collect(nested, twinSpaceId, ids, depth + 1);
        }
    }
}
