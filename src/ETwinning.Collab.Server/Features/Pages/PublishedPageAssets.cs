using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// A material is public while an image of a published, public, not deleted page of an open or archived TwinSpace
/// shows it. Answered from the live documents on every request, without a cache: a cache would have to follow
/// every edit, publish, visibility change and delete (on every node of a cluster) to never serve a withdrawn image,
/// while the answer itself is cheap. The pages checked are the public ones an anonymous reader has just opened, so
/// they are usually loaded already, and walking a page's nodes for image sources costs far less than serving the file.
/// </summary>
public sealed class PublishedPageAssets(IPageStore store, ITwinSpaceStore twinSpaces, LivePageService live) : IPublicAssets
{
    public async ValueTask<bool> IsPublicAssetAsync(string twinSpaceId, string materialId, CancellationToken cancellationToken = default)
    {
        if (await twinSpaces.FindAsync(twinSpaceId, cancellationToken).ConfigureAwait(false) is not { State: not TwinSpaceState.Closed }) return false;
        var pages = store.Pages(twinSpaceId);
        return pages.Where(page => IsPublic(pages, page))
            .Any(page => live.Read(twinSpaceId, page.Id, document => PageHtml.ReferencedMaterials(document, twinSpaceId).Contains(materialId)));
    }

    /// <summary>The same rule as <see cref="PagePublishing.PublicPageAsync"/>: what anyone may read, anyone may load.</summary>
    public static bool IsPublic(IReadOnlyList<Page> pages, Page page) =>
        page.IsPublished && page.Visibility == PageVisibility.Public && !PageTreeService.IsGone(pages, page);
}
