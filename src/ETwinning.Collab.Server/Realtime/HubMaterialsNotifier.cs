using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Materials;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Delivers the materials feature's events to the members who joined the TwinSpace.</summary>
internal sealed class HubMaterialsNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : IMaterialsNotifier
{
    public Task ProcessingAsync(MaterialView material) => Group(material.TwinSpaceId).MaterialProcessing(material);

    public Task ReadyAsync(MaterialView material) => Group(material.TwinSpaceId).MaterialReady(material);

    public Task FailedAsync(MaterialFailedEvent failure) => Group(failure.TwinSpaceId).MaterialFailed(failure);

    public Task ChangedAsync(MaterialView material) => Group(material.TwinSpaceId).MaterialChanged(material);

    public Task DeletedAsync(MaterialDeletedEvent deletion) => Group(deletion.TwinSpaceId).MaterialDeleted(deletion);

    public Task CollectionChangedAsync(MaterialCollectionView collection) => Group(collection.TwinSpaceId).MaterialCollectionChanged(collection);

    public Task CollectionDeletedAsync(MaterialCollectionDeletedEvent deletion) => Group(deletion.TwinSpaceId).MaterialCollectionDeleted(deletion);

    private ITwinSpaceClient Group(string twinSpaceId) => hub.Clients.Group(GroupNames.TwinSpace(twinSpaceId));
}
