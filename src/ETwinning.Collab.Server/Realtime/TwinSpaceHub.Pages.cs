using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public IReadOnlyList<PageView> ListPages(string twinSpaceId, bool includeDeleted, [FromServices] PageTreeService pages) =>
        pages.List(Member, includeDeleted);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public PageView GetPage(string twinSpaceId, string pageId, [FromServices] PageTreeService pages) => pages.Get(Member, pageId);

    [RequiresPermission(TwinSpaceAction.CreatePages)]
    public Task<PageView> CreatePage(string twinSpaceId, CreatePageRequest request, [FromServices] PageTreeService pages) =>
        pages.CreateAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageView> UpdatePage(string twinSpaceId, string pageId, UpdatePageRequest request, [FromServices] PageTreeService pages) =>
        pages.UpdateAsync(Member, pageId, request);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageView> SetPageState(string twinSpaceId, string pageId, SetPageStateRequest request, [FromServices] PageTreeService pages) =>
        pages.SetStateAsync(Member, pageId, request);

    [RequiresPermission(TwinSpaceAction.ReorderPages)]
    public Task<PageView> MovePage(string twinSpaceId, string pageId, MovePageRequest request, [FromServices] PageTreeService pages) =>
        pages.MoveAsync(Member, pageId, request);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageView> AssignPageTeams(string twinSpaceId, string pageId, IReadOnlyList<string> teamIds, [FromServices] PageTreeService pages) =>
        pages.AssignTeamsAsync(Member, pageId, teamIds);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageView> AssignPageEditors(string twinSpaceId, string pageId, IReadOnlyList<string> accountIds, [FromServices] PageTreeService pages) =>
        pages.AssignEditorsAsync(Member, pageId, accountIds);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageView> DeletePage(string twinSpaceId, string pageId, [FromServices] PageTreeService pages) => pages.DeleteAsync(Member, pageId);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageView> RestorePage(string twinSpaceId, string pageId, [FromServices] PageTreeService pages) => pages.RestoreAsync(Member, pageId);

    /// <summary>Sync step 1. The connection joins the page group before the diff is taken, so nothing sent
    /// meanwhile is missed (an update in both is harmless).</summary>
    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageJoinResult> JoinPage(string twinSpaceId, string pageId, byte[]? stateVector, [FromServices] LivePageService live) =>
        JoinWhileReadingAsync(ConnectionScope.Page(twinSpaceId, pageId ?? ""), () => Task.FromResult(live.Join(Member, pageId, Context.ConnectionId, stateVector)));

    /// <summary>Leaves the page; its cursors disappear for everyone (the live pages observe the registry).</summary>
    public Task LeavePage(string twinSpaceId, string pageId) => LeaveAsync(ConnectionScope.Page(twinSpaceId ?? "", pageId ?? ""));

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageUpdateAck> SendPageUpdate(string twinSpaceId, string pageId, byte[] update, [FromServices] LivePageService live) =>
        live.ApplyAsync(Member, pageId, Context.ConnectionId, update);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task SendPageAwareness(string twinSpaceId, string pageId, byte[] update, [FromServices] LivePageService live) =>
        live.AwarenessAsync(Member, pageId, Context.ConnectionId, update);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public PageUpdatesResult GetPageUpdates(string twinSpaceId, string pageId, long since, [FromServices] LivePageService live) =>
        live.UpdatesSince(Member, pageId, since);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageVersionView> CreatePageVersion(string twinSpaceId, string pageId, string name, [FromServices] PageVersionService versions) =>
        versions.CreateAsync(Member, pageId, name);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public IReadOnlyList<PageVersionView> ListPageVersions(string twinSpaceId, string pageId, [FromServices] PageVersionService versions) =>
        versions.List(Member, pageId);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public string GetPageVersionHtml(string twinSpaceId, string pageId, string versionId, [FromServices] PageVersionService versions) =>
        versions.PreviewHtml(Member, pageId, versionId);

    [RequiresPermission(TwinSpaceAction.ViewPages)]
    public Task<PageUpdateAck> RestorePageVersion(string twinSpaceId, string pageId, string versionId, [FromServices] PageVersionService versions) =>
        versions.RestoreAsync(Member, pageId, versionId);
}
