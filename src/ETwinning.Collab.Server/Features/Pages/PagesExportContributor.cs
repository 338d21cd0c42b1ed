using ETwinning.Collab.Server.Features.Export;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Puts the TwinSpace's pages into its export: <c>pages/pages.html</c> (every page not deleted, in menu
/// order, sanitized HTML; left out when there are none) and the tree in the manifest.</summary>
public sealed class PagesExportContributor(IPageStore store, PagePublishing publishing) : IExportContributor
{
    public string Section => "pages";

    public async Task<object> WriteAsync(TwinSpaceExport export, CancellationToken cancellationToken)
    {
        var twinSpace = export.TwinSpace;
        var tree = PageTree.Of(await store.PagesAsync(twinSpace.Id, cancellationToken).ConfigureAwait(false));
        var kept = PageTreeService.TreeOrder(tree.Pages).Where(p => !tree.IsGone(p)).ToList();
        // No pages, no file: an export holds only what the project made.
        var file = kept.Count == 0 ? null
            : await export.AddTextAsync("pages/pages.html", await publishing.ExportHtmlAsync(twinSpace, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new
        {
            file,
            pages = kept.Select(p => new
            {
                p.Id, p.ParentId, p.Position, p.Title, p.Description, p.IsPublished, p.Visibility, p.CreatedAt, p.UpdatedAt,
            }),
        };
    }
}
