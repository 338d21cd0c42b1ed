using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of the materials feature (see docs/protocol.md), sent to the TwinSpace's group.</summary>
public interface IMaterialsClient
{
    Task MaterialProcessing(MaterialView material);
    Task MaterialReady(MaterialView material);
    Task MaterialFailed(MaterialFailedEvent failure);
    Task MaterialChanged(MaterialView material);
    Task MaterialDeleted(MaterialDeletedEvent deletion);
    Task MaterialCollectionChanged(MaterialCollectionView collection);
    Task MaterialCollectionDeleted(MaterialCollectionDeletedEvent deletion);
}
