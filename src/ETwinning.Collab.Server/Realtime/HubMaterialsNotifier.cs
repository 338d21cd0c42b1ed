using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Materials;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Delivers the materials feature's events to the members who joined the TwinSpace, or, for a room's folder, to the
/// accounts that may see the room (on every node, through the backplane; the web client drops events of TwinSpaces it
/// does not show).
/// </summary>
internal sealed class HubMaterialsNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : IMaterialsNotifier
{
    public Task ProcessingAsync(MaterialView material, IReadOnlyList<string>? audience) =>
        Send(material.TwinSpaceId, audience, client => client.MaterialProcessing(material));

    public Task ReadyAsync(MaterialView material, IReadOnlyList<string>? audience) =>
        Send(material.TwinSpaceId, audience, client => client.MaterialReady(material));

    public Task FailedAsync(MaterialFailedEvent failure, IReadOnlyList<string>? audience) =>
        Send(failure.TwinSpaceId, audience, client => client.MaterialFailed(failure));

    public Task ChangedAsync(MaterialView material, IReadOnlyList<string>? audience) =>
        Send(material.TwinSpaceId, audience, client => client.MaterialChanged(material));

    public Task DeletedAsync(MaterialDeletedEvent deletion, IReadOnlyList<string>? audience) =>
        Send(deletion.TwinSpaceId, audience, client => client.MaterialDeleted(deletion));

    public Task CollectionChangedAsync(MaterialCollectionView collection, IReadOnlyList<string>? audience) =>
        Send(collection.TwinSpaceId, audience, client => client.MaterialCollectionChanged(collection));

    public Task CollectionDeletedAsync(MaterialCollectionDeletedEvent deletion, IReadOnlyList<string>? audience) =>
        Send(deletion.TwinSpaceId, audience, client => client.MaterialCollectionDeleted(deletion));

    private Task Send(string twinSpaceId, IReadOnlyList<string>? audience, Func<ITwinSpaceClient, Task> send) =>
        audience is null ? send(hub.Clients.Group(GroupNames.TwinSpace(twinSpaceId)))
        : audience.Count == 0 ? Task.CompletedTask
        : send(hub.Clients.Users(audience));
}
