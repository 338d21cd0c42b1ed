using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>The events the materials feature emits; Realtime delivers them to the TwinSpace's group.</summary>
public interface IMaterialsNotifier
{
    Task ProcessingAsync(MaterialView material);
    Task ReadyAsync(MaterialView material);
    Task FailedAsync(MaterialFailedEvent failure);
    Task ChangedAsync(MaterialView material);
    Task DeletedAsync(MaterialDeletedEvent deletion);
    Task CollectionChangedAsync(MaterialCollectionView collection);
    Task CollectionDeletedAsync(MaterialCollectionDeletedEvent deletion);
}
