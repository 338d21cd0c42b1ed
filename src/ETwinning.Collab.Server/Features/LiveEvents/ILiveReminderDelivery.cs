using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// What reminders need from this node's connections: which TwinSpaces have connections here, who they are, and a send
/// to some of them. Each node reminds only its own connections, so no node has to agree with another on who was
/// reminded. <c>Realtime</c> implements it.
/// </summary>
public interface ILiveReminderDelivery
{
    IReadOnlyList<string> TwinSpacesWithConnectionsHere();

    IReadOnlyList<ConnectionMember> ConnectionsHere(string twinSpaceId);

    Task SendAsync(IReadOnlyList<string> connectionIds, LiveEventReminderEvent reminder);
}
