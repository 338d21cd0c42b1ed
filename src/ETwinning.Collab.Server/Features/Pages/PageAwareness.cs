using ETwinning.Collab.Crdt.Protocol;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// The awareness states (cursors, selections, names) of one live page, and which connection of this node owns
/// each client id (null: a client on another node). Used under the page's gate.
/// </summary>
internal sealed class PageAwareness
{
    private readonly Dictionary<ulong, Entry> _clients = [];

    /// <summary>Every known state, for a joining connection.</summary>
    public byte[] Encode() =>
        AwarenessUpdate.Encode(_clients.Select(pair => new AwarenessClientState(pair.Key, pair.Value.Clock, pair.Value.StateJson)).ToList());

    /// <summary>True when one of <paramref name="clients"/> belongs to another connection of this node.</summary>
    public bool ClaimsForeignClient(IEnumerable<AwarenessClientState> clients, string connectionId) =>
        clients.Any(c => _clients.TryGetValue(c.ClientId, out var entry) && entry.ConnectionId is not null && entry.ConnectionId != connectionId);

    /// <summary>Records newer states (an older clock loses, as in y-protocols); a removed state is forgotten.</summary>
    public void Record(IEnumerable<AwarenessClientState> clients, string? connectionId)
    {
        foreach (var client in clients)
        {
            if (_clients.TryGetValue(client.ClientId, out var known) && known.Clock > client.Clock) continue;
            if (client.IsRemoved) _clients.Remove(client.ClientId);
            else _clients[client.ClientId] = new Entry(client.Clock, client.StateJson, connectionId);
        }
    }

    /// <summary>Removes a connection's states; returns the update that tells the others (null: it had none).</summary>
    public byte[]? RemoveConnection(string connectionId)
    {
        var removed = _clients.Where(pair => pair.Value.ConnectionId == connectionId).ToList();
        if (removed.Count == 0) return null;
        foreach (var (clientId, _) in removed) _clients.Remove(clientId);
        return AwarenessUpdate.Encode(removed.Select(pair => new AwarenessClientState(pair.Key, pair.Value.Clock + 1, "null")).ToList());
    }

    private sealed record Entry(ulong Clock, string StateJson, string? ConnectionId);
}
