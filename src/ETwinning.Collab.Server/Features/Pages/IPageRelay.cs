namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Carries page updates and awareness to the other nodes of a cluster, so each node's in-memory documents stay
/// current. Clients on other nodes are reached by the SignalR backplane; this is for the nodes themselves.
/// </summary>
public interface IPageRelay
{
    Task PublishUpdateAsync(string twinSpaceId, string pageId, long sequence, byte[] update);
    Task PublishAwarenessAsync(string twinSpaceId, string pageId, byte[] awareness);
}
