using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// What reminders need from this node's connections: which TwinSpaces have connections here, who they are, an account's
/// connections, and a send to some of them. Each node reminds only its own connections, so no node has to agree with another on who was
/// reminded. <c>Realtime</c> implements it.
/// </summary>
public interface ILiveReminderDelivery
{
    IReadOnlyList<string> TwinSpacesWithConnectionsHere();

    IReadOnlyList<ConnectionMember> ConnectionsHere(string twinSpaceId);

    /// <summary>Whether this node has any connection at all (else there is nobody to remind of a public event).</summary>
    bool AnyConnectionHere { get; }

    /// <summary>
    /// This node's connections of one account, whatever they joined: an outsider of a public event is in no scope of its
    /// TwinSpace before the start.
    /// </summary>
    IReadOnlyList<string> ConnectionsOfAccountHere(string accountId);

    Task SendAsync(IReadOnlyList<string> connectionIds, LiveEventReminderEvent reminder);
}
