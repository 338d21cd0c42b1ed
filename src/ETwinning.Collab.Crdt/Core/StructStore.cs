namespace ETwinning.Collab.Crdt.Core;

/// <summary>All integrated structs of a document, per client, ordered by clock.</summary>
internal sealed class StructStore
{
    private ulong _lastClient = ulong.MaxValue;
    private ClientStructList? _lastList;

    public Dictionary<ulong, ClientStructList> Clients { get; } = [];

    public ClientStructList? GetList(ulong client)
    {
        if (client == _lastClient && _lastList != null) return _lastList;
        if (!Clients.TryGetValue(client, out var list)) return null;
        _lastClient = client;
        _lastList = list;
        return list;
    }

    /// <summary>The next expected clock of <paramref name="client"/> (0 when unknown).</summary>
    public long GetState(ulong client) => GetList(client)?.NextClock ?? 0;

    public void Add(StructBase item)
    {
        var list = GetList(item.Client);
        if (list == null)
        {
            list = new ClientStructList();
            Clients[item.Client] = list;
            _lastClient = item.Client;
            _lastList = list;
        }
        list.Append(item);
    }

    public StructBase? Find(YId id) => GetList(id.Client)?.Find(id.Clock);

    public void InsertAfter(StructBase existing, StructBase item) => GetList(existing.Client)!.InsertAfter(existing, item);

    public void Replace(StructBase existing, StructBase replacement) => GetList(existing.Client)!.Replace(existing, replacement);

    /// <summary>The item starting exactly at <paramref name="id"/>, splitting one if needed.
    /// Returns a GC struct as is (it cannot be split and has no position).</summary>
    public StructBase GetCleanStart(Transaction transaction, YId id)
    {
        var found = Find(id) ?? throw new InvalidOperationException($"Missing struct {id}.");
        if (found is Item item && item.Clock < id.Clock) return item.Split(transaction, (int)(id.Clock - item.Clock));
        return found;
    }

    /// <summary>The item ending exactly at <paramref name="id"/>, splitting one if needed.</summary>
    public StructBase GetCleanEnd(Transaction transaction, YId id)
    {
        var found = Find(id) ?? throw new InvalidOperationException($"Missing struct {id}.");
        if (found is Item item && id.Clock != item.EndClock - 1) item.Split(transaction, (int)(id.Clock - item.Clock + 1));
        return found;
    }

    /// <summary>Clock of every client, i.e. the state vector.</summary>
    public Dictionary<ulong, long> GetStateVector()
    {
        var sv = new Dictionary<ulong, long>(Clients.Count);
        foreach (var (client, list) in Clients) sv[client] = list.NextClock;
        return sv;
    }
}
