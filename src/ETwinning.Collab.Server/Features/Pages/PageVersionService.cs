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

    public async Task<PageVersionView> CreateAsync(MemberContext member, string? pageId, string? name)
    {
        var page = Managed(member, pageId);
        var version = new PageVersion
        {
            Id = Ids.New(),
            PageId = page.Id,
            Name = Require.Text(name, "Name", 1, _options.MaxTitleLength),
            CreatedBy = member.AccountId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Content = live.Snapshot(member.TwinSpaceId, page.Id),
        };
        await store.AddVersionAsync(member.TwinSpaceId, version).ConfigureAwait(false);
        return version.View();
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<PageVersionView> List(MemberContext member, string? pageId)
    {
        var page = tree.Visible(member, pageId);
        return store.Versions(member.TwinSpaceId, page.Id).OrderByDescending(v => v.CreatedAt).Select(v => v.View()).ToList();
    }

    public string PreviewHtml(MemberContext member, string? pageId, string? versionId) =>
        PageHtml.RenderUpdate(Find(member, tree.Visible(member, pageId), versionId).Content);

    /// <summary>
    /// Replaces the body with the version's content through new updates (delete everything, insert copies), so every
    /// live editor converges on it without reloading and the history stays append-only.
    /// </summary>
    public async Task<PageUpdateAck> RestoreAsync(MemberContext member, string? pageId, string? versionId)
    {
        var page = Managed(member, pageId);
        var version = Find(member, page, versionId);
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
        }).ConfigureAwait(false);
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

    private Page Managed(MemberContext member, string? pageId)
    {
        var page = tree.Visible(member, pageId);
        if (!PageAccess.CanManage(member, page)) throw CollabException.Forbidden("Only the page's author or a teacher administrator may do this.");
        if (!PageAccess.IsWritable(member)) throw CollabException.ReadOnly("This TwinSpace is archived: it can be read but not changed.").WithKey("Permission_Archived");
        return page;
    }

    private PageVersion Find(MemberContext member, Page page, string? versionId) =>
        store.FindVersion(member.TwinSpaceId, page.Id, Require.Id(versionId, "versionId"))
            ?? throw CollabException.NotFound("No such version.");
}
