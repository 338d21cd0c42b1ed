using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Pages;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Delivers the Pages feature's events over the hub (to every node's clients through the backplane).</summary>
internal sealed class HubPagesNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : IPagesNotifier
{
    public Task PageTreeChangedAsync(PageTreeEvent change, IReadOnlyList<string>? audience) =>
        audience is null
            ? hub.Clients.Group(GroupNames.TwinSpace(change.TwinSpaceId)).PageTreeChanged(change)
            : audience.Count == 0 ? Task.CompletedTask : hub.Clients.Users(audience).PageTreeChanged(change);

    public Task PageUpdatedAsync(PageUpdateEvent update, string? exceptConnectionId) =>
        PageGroup(update.TwinSpaceId, update.PageId, exceptConnectionId).PageUpdated(update);

    public Task PageAwarenessAsync(PageAwarenessEvent awareness, string? exceptConnectionId) =>
        PageGroup(awareness.TwinSpaceId, awareness.PageId, exceptConnectionId).PageAwareness(awareness);

    private ITwinSpaceClient PageGroup(string twinSpaceId, string pageId, string? exceptConnectionId) =>
        exceptConnectionId is null
            ? hub.Clients.Group(GroupNames.Page(twinSpaceId, pageId))
            : hub.Clients.GroupExcept(GroupNames.Page(twinSpaceId, pageId), exceptConnectionId);
}
