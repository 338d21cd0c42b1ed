using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Sends a running tally to the connections in the event on THIS node only: each node's coalescer serves its own
/// connections, so a client gets at most the coalesced rate whichever node it is on. <c>Realtime</c> implements it.
/// </summary>
public interface ILiveTallyDelivery
{
    Task ToLocalConnectionsAsync(LiveTallyEvent tally);
}
