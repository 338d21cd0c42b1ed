using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Types;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Named and automatic versions of page bodies: list, preview as HTML, restore as new updates.</summary>
public sealed class PageVersionService(
    IPageStore store, PageTreeService tree, LivePageService live, IOptions<PagesOptions> options, TimeProvider clock)
{
    private readonly PagesOptions _options = options.Value;

    public async Task<PageVersionView> CreateAsync(MemberContext member, string? pageId, string? name, CancellationToken cancellationToken = default)
    {
        var page = await ManagedAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        var version = new PageVersion
        {
            Id = Ids.New(),
            PageId = page.Id,
            Name = Require.Text(name, "Name", 1, _options.MaxTitleLength),
            CreatedBy = member.AccountId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Content = await live.SnapshotAsync(member.TwinSpaceId, page.Id, cancellationToken).ConfigureAwait(false),
        };
        await store.AddVersionAsync(member.TwinSpaceId, version, cancellationToken).ConfigureAwait(false);
        return version.View();
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<PageVersionView>> ListAsync(MemberContext member, string? pageId, CancellationToken cancellationToken = default)
    {
        var page = await tree.VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        var versions = await store.VersionsAsync(member.TwinSpaceId, page.Id, cancellationToken).ConfigureAwait(false);
        return versions.OrderByDescending(v => v.CreatedAt).Select(v => v.View()).ToList();
    }

    public async Task<string> PreviewHtmlAsync(MemberContext member, string? pageId, string? versionId, CancellationToken cancellationToken = default)
    {
        var page = await tree.VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        return PageHtml.RenderUpdate((await FindAsync(member, page, versionId, cancellationToken).ConfigureAwait(false)).Content);
    }

    /// <summary>
    /// Replaces the body with the version's content through new updates (delete everything, insert copies), so every
    /// live editor converges on it without reloading and the history stays append-only.
    /// </summary>
    public async Task<PageUpdateAck> RestoreAsync(MemberContext member, string? pageId, string? versionId, CancellationToken cancellationToken = default)
    {
        var page = await ManagedAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        var version = await FindAsync(member, page, versionId, cancellationToken).ConfigureAwait(false);
        var source = new YDoc();
        source.ApplyUpdate(version.Content);
        var sequence = await live.EditAsync(member.TwinSpaceId, page.Id, document =>
        {
            var body = document.GetXmlFragment(PageBody.FragmentName);
            document.Transact(_ =>
            {
                if (body.Length > 0) body.Delete(0, body.Length);
                var index = 0;
                foreach (var child in source.GetXmlFragment(PageBody.FragmentName).Children)
                    if (CopyInto(body, index, child)) index++;
            });
        }, cancellationToken).ConfigureAwait(false);
        return new PageUpdateAck(sequence);
    }

    private static bool CopyInto(YXmlFragment parent, int index, YType node)
    {
        switch (node)
        {
            case YXmlElement element:
                var copy = new YXmlElement(element.NodeName);
                parent.Insert(index, copy);
                foreach (var (name, value) in element.GetAttributes())
                    if (value is not YType) copy.SetAttribute(name, value);
                var i = 0;
                foreach (var child in element.Children)
                    if (CopyInto(copy, i, child)) i++;
                return true;
            case YXmlText text:
                var textCopy = new YXmlText();
                parent.Insert(index, textCopy);
                var position = 0;
                foreach (var delta in text.ToDelta())
                {
                    if (delta.Insert is string run)
                    {
                        textCopy.Insert(position, run, delta.Attributes);
                        position += run.Length;
                    }
                    else if (delta.Insert is not YType)
                    {
                        textCopy.InsertEmbed(position, delta.Insert, delta.Attributes);
                        position++;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    private async Task<Page> ManagedAsync(MemberContext member, string? pageId, CancellationToken cancellationToken)
    {
        var page = await tree.VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        if (!PageAccess.CanManage(member, page)) throw CollabException.Forbidden("Only the page's author or a teacher administrator may do this.").WithKey("Page_OnlyManagersDo");
        if (!PageAccess.IsWritable(member)) throw CollabException.ReadOnly("This TwinSpace is archived: it can be read but not changed.").WithKey("Permission_Archived");
        return page;
    }

    private async Task<PageVersion> FindAsync(MemberContext member, Page page, string? versionId, CancellationToken cancellationToken) =>
        await store.FindVersionAsync(member.TwinSpaceId, page.Id, Require.Id(versionId, "versionId"), cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such version.").WithKey("Page_NoVersion");
}
