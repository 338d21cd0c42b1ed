using System.Net;
using System.Text;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Pages outside the live editor: public pages for anyone, and the export of a TwinSpace's pages.</summary>
public sealed class PagePublishing(IPageStore store, ITwinSpaceStore twinSpaces, LivePageService live)
{
    /// <summary>Only published, public, not deleted pages of open or archived TwinSpaces; anything else is not found
    /// (so nobody learns that a members-only page exists).</summary>
    public async Task<PublicPageView> PublicPageAsync(string? twinSpaceId, string? pageId, CancellationToken cancellationToken = default)
    {
        var twinSpace = await twinSpaces.FindAsync(Require.Id(twinSpaceId, "twinSpaceId"), cancellationToken).ConfigureAwait(false);
        var id = Require.Id(pageId, "pageId");
        if (twinSpace is null || twinSpace.State == TwinSpaceState.Closed) throw CollabException.NotFound("No such page.").WithKey("NotFound_Page");
        var tree = PageTree.Of(await store.PagesAsync(twinSpace.Id, cancellationToken).ConfigureAwait(false));
        var page = tree.Find(id);
        if (page is null || !PublishedPageAssets.IsPublic(tree, page)) throw CollabException.NotFound("No such page.").WithKey("NotFound_Page");
        var html = await live.ReadAsync(twinSpace.Id, page.Id, document => PageHtml.RenderPublic(document, twinSpace.Id), cancellationToken).ConfigureAwait(false);
        return new PublicPageView(twinSpace.Id, twinSpace.Title, page.Id, page.Title, page.Description, html, page.UpdatedAt);
    }

    /// <summary>Every page that is not deleted (drafts included: the export is for the project's administrators),
    /// as one self-contained HTML document in tree order.</summary>
    public async Task<string> ExportHtmlAsync(TwinSpace twinSpace, CancellationToken cancellationToken = default)
    {
        var tree = PageTree.Of(await store.PagesAsync(twinSpace.Id, cancellationToken).ConfigureAwait(false));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(twinSpace.Title)).Append("</title></head><body><h1>")
            .Append(WebUtility.HtmlEncode(twinSpace.Title)).Append("</h1>");
        foreach (var page in PageTreeService.TreeOrder(tree.Pages).Where(p => !tree.IsGone(p)))
        {
            html.Append("<section id=\"page-").Append(page.Id).Append("\"><h2>").Append(WebUtility.HtmlEncode(page.Title)).Append("</h2>");
            if (page.Description.Length > 0) html.Append("<p><em>").Append(WebUtility.HtmlEncode(page.Description)).Append("</em></p>");
            html.Append(await live.ReadAsync(twinSpace.Id, page.Id, PageHtml.Render, cancellationToken).ConfigureAwait(false)).Append("</section>");
        }
        return html.Append("</body></html>").ToString();
    }
}
