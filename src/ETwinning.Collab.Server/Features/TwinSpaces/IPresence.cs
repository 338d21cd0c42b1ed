namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>Who is online in a TwinSpace right now, on any node; Realtime knows, services ask.</summary>
public interface IPresence
{
    /// <summary>The accounts with at least one connection in the TwinSpace, on this node or another live one.</summary>
    ValueTask<IReadOnlySet<string>> OnlineAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the node still beats. A node that stopped without saying so (killed, or cut off) does not, and what it
    /// held (connections, stretches of attendance) will never end by itself. True when nobody can tell (no cluster, Redis down).
    /// </summary>
    ValueTask<bool> IsNodeAliveAsync(string nodeId, CancellationToken cancellationToken = default);
}
