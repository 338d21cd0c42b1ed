using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of the Pages feature (see docs/protocol.md).</summary>
public interface IPagesClient
{
    Task PageTreeChanged(PageTreeEvent change);
    Task PageUpdated(PageUpdateEvent update);
    Task PageAwareness(PageAwarenessEvent awareness);
}
