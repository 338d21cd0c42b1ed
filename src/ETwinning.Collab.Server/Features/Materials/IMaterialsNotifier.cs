using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// The events the materials feature emits; Realtime delivers them to the TwinSpace's group when
/// <c>audience</c> is null, otherwise only to those accounts (what is in a room's folder is for the room's people).
/// </summary>
public interface IMaterialsNotifier
{
    Task ProcessingAsync(MaterialView material, IReadOnlyList<string>? audience);
    Task ReadyAsync(MaterialView material, IReadOnlyList<string>? audience);
    Task FailedAsync(MaterialFailedEvent failure, IReadOnlyList<string>? audience);
    Task ChangedAsync(MaterialView material, IReadOnlyList<string>? audience);
    Task DeletedAsync(MaterialDeletedEvent deletion, IReadOnlyList<string>? audience);
    Task CollectionChangedAsync(MaterialCollectionView collection, IReadOnlyList<string>? audience);
    Task CollectionDeletedAsync(MaterialCollectionDeletedEvent deletion, IReadOnlyList<string>? audience);
}
