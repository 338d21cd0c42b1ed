using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Delivers the TwinSpaces feature's events over the hub.</summary>
internal sealed class HubTwinSpaceNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, ConnectionRegistry connections) : ITwinSpaceNotifier
{
    public Task MemberChangedAsync(MemberChangedEvent change) =>
        hub.Clients.Group(GroupNames.TwinSpace(change.TwinSpaceId)).MemberChanged(change);

    public Task TwinSpaceChangedAsync(TwinSpaceView twinSpace) =>
        hub.Clients.Group(GroupNames.TwinSpace(twinSpace.Id)).TwinSpaceChanged(twinSpace);

    public Task PupilTeamChangedAsync(PupilTeamChangedEvent change) =>
        hub.Clients.Group(GroupNames.TwinSpace(change.TwinSpaceId)).PupilTeamChanged(change);

    public async Task AccessRevokedAsync(string twinSpaceId, string accountId, string reason)
    {
        await hub.Clients.User(accountId).AccessRevoked(new AccessRevokedEvent(twinSpaceId, reason));
        await connections.EvictAsync(twinSpaceId, accountId);
    }

    public async Task TwinSpaceClosedAsync(string twinSpaceId)
    {
        await hub.Clients.Group(GroupNames.TwinSpace(twinSpaceId)).AccessRevoked(new AccessRevokedEvent(twinSpaceId, "This TwinSpace was closed."));
        await connections.EvictAsync(twinSpaceId, accountId: null);
    }
}
