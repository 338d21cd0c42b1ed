using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>A page of a joined TwinSpace was created, changed, moved, deleted or restored.</summary>
    public event Action<PageTreeEvent>? PageTreeChanged;

    /// <summary>Another connection's durable update of a joined page.</summary>
    public event Action<PageUpdateEvent>? PageUpdated;

    /// <summary>Another connection's awareness update (cursors) of a joined page.</summary>
    public event Action<PageAwarenessEvent>? PageAwareness;

    /// <summary>The page tree the caller may see, parents before children.</summary>
    public Task<IReadOnlyList<PageView>> ListPagesAsync(string twinSpaceId, bool includeDeleted = false) =>
        InvokeAsync<IReadOnlyList<PageView>>("ListPages", twinSpaceId, includeDeleted);

    /// <summary>One page.</summary>
    public Task<PageView> GetPageAsync(string twinSpaceId, string pageId) => InvokeAsync<PageView>("GetPage", twinSpaceId, pageId);

    /// <summary>Creates a (draft, members-only) page at the end of its parent's children.</summary>
    public Task<PageView> CreatePageAsync(string twinSpaceId, string title, string? description = null, string? parentId = null) =>
        InvokeAsync<PageView>("CreatePage", twinSpaceId, new CreatePageRequest(title, description, parentId));

    /// <summary>Renames a page and sets its header description.</summary>
    public Task<PageView> UpdatePageAsync(string twinSpaceId, string pageId, string title, string? description) =>
        InvokeAsync<PageView>("UpdatePage", twinSpaceId, pageId, new UpdatePageRequest(title, description));

    /// <summary>Publishes or un-publishes a page and sets its visibility.</summary>
    public Task<PageView> SetPageStateAsync(string twinSpaceId, string pageId, bool isPublished, PageVisibility visibility) =>
        InvokeAsync<PageView>("SetPageState", twinSpaceId, pageId, new SetPageStateRequest(isPublished, visibility));

    /// <summary>Moves a page (teacher administrators).</summary>
    public Task<PageView> MovePageAsync(string twinSpaceId, string pageId, string? parentId, int position) =>
        InvokeAsync<PageView>("MovePage", twinSpaceId, pageId, new MovePageRequest(parentId, position));

    /// <summary>Sets the pupil teams assigned to write a page (replacing the list).</summary>
    public Task<PageView> AssignPageTeamsAsync(string twinSpaceId, string pageId, params string[] teamIds) =>
        InvokeAsync<PageView>("AssignPageTeams", twinSpaceId, pageId, teamIds);

    /// <summary>Assigns members by name as editors of a page (replacing the list).</summary>
    public Task<PageView> AssignPageEditorsAsync(string twinSpaceId, string pageId, params string[] accountIds) =>
        InvokeAsync<PageView>("AssignPageEditors", twinSpaceId, pageId, accountIds);

    /// <summary>Soft-deletes a page.</summary>
    public Task<PageView> DeletePageAsync(string twinSpaceId, string pageId) => InvokeAsync<PageView>("DeletePage", twinSpaceId, pageId);

    /// <summary>Restores a soft-deleted page.</summary>
    public Task<PageView> RestorePageAsync(string twinSpaceId, string pageId) => InvokeAsync<PageView>("RestorePage", twinSpaceId, pageId);

    /// <summary>Sync step 1: sends the local state vector, gets what is missing and the server's state vector.</summary>
    public Task<PageJoinResult> JoinPageAsync(string twinSpaceId, string pageId, byte[] stateVector) =>
        InvokeAsync<PageJoinResult>("JoinPage", twinSpaceId, pageId, stateVector);

    /// <summary>Stops receiving the page's updates; this connection's cursors disappear.</summary>
    public Task LeavePageAsync(string twinSpaceId, string pageId) => InvokeAsync("LeavePage", twinSpaceId, pageId);

    /// <summary>Sends a Yjs update; completes when it is durable.</summary>
    public Task<PageUpdateAck> SendPageUpdateAsync(string twinSpaceId, string pageId, byte[] update) =>
        InvokeAsync<PageUpdateAck>("SendPageUpdate", twinSpaceId, pageId, update);

    /// <summary>Sends an awareness update (cursor, name).</summary>
    public Task SendPageAwarenessAsync(string twinSpaceId, string pageId, byte[] update) =>
        InvokeAsync("SendPageAwareness", twinSpaceId, pageId, update);

    /// <summary>The durable updates after sequence <paramref name="since"/>.</summary>
    public Task<PageUpdatesResult> GetPageUpdatesAsync(string twinSpaceId, string pageId, long since) =>
        InvokeAsync<PageUpdatesResult>("GetPageUpdates", twinSpaceId, pageId, since);

    /// <summary>Saves a named version of the page body.</summary>
    public Task<PageVersionView> CreatePageVersionAsync(string twinSpaceId, string pageId, string name) =>
        InvokeAsync<PageVersionView>("CreatePageVersion", twinSpaceId, pageId, name);

    /// <summary>Versions of a page, newest first.</summary>
    public Task<IReadOnlyList<PageVersionView>> ListPageVersionsAsync(string twinSpaceId, string pageId) =>
        InvokeAsync<IReadOnlyList<PageVersionView>>("ListPageVersions", twinSpaceId, pageId);

    /// <summary>A version rendered as sanitized HTML.</summary>
    public Task<string> GetPageVersionHtmlAsync(string twinSpaceId, string pageId, string versionId) =>
        InvokeAsync<string>("GetPageVersionHtml", twinSpaceId, pageId, versionId);

    /// <summary>Restores a version as new updates that every live editor receives.</summary>
    public Task<PageUpdateAck> RestorePageVersionAsync(string twinSpaceId, string pageId, string versionId) =>
        InvokeAsync<PageUpdateAck>("RestorePageVersion", twinSpaceId, pageId, versionId);

    private void RegisterPageEvents()
    {
        Hub.On<PageTreeEvent>(HubNames.PageTreeChanged, e => PageTreeChanged?.Invoke(e));
        Hub.On<PageUpdateEvent>(HubNames.PageUpdated, e => PageUpdated?.Invoke(e));
        Hub.On<PageAwarenessEvent>(HubNames.PageAwareness, e => PageAwareness?.Invoke(e));
    }
}
