using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Protocol;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// One loaded page: its document, which log entries it holds, who joined it and their awareness states. Every
/// member is used under <see cref="Gate"/>; the class does no I/O except <see cref="EnsureLoaded"/>'s store reads.
/// </summary>
internal sealed class LivePage(PageKey key)
{
    private readonly List<(long Sequence, byte[] Update)> _remoteWhileLoading = [];
    private readonly Dictionary<ulong, AwarenessEntry> _awareness = [];

    public PageKey Key { get; } = key;
    public Lock Gate { get; } = new();
    public YDoc Document { get; } = new();
    /// <summary>Log entries (sequence -> bytes) applied to <see cref="Document"/> and not compacted yet.</summary>
    public Dictionary<long, int> Uncompacted { get; } = [];
    public long LogBytes { get; private set; }
    public long LastSequence { get; private set; }
    public HashSet<string> Connections { get; } = [];
    public bool IsLoaded { get; private set; }
    /// <summary>Set when housekeeping dropped the page from memory; a caller holding it must fetch it anew.</summary>
    public bool IsUnloaded { get; set; }
    public bool IsCompacting { get; set; }
    public long LastUsedTicks { get; set; } = Environment.TickCount64;
    /// <summary>Edits since the last automatic or named version (null: none).</summary>
    public long? FirstUnversionedEditTicks { get; set; }
    public long LastEditTicks { get; set; }

    public void EnsureLoaded(IPageStore store, ILogger logger)
    {
        if (IsLoaded) return;
        var head = store.Head(Key.TwinSpaceId, Key.PageId);
        if (head is { Snapshot.Length: > 0 }) Document.ApplyUpdate(head.Snapshot);
        LastSequence = head?.CompactedThrough ?? 0;
        foreach (var entry in store.Log(Key.TwinSpaceId, Key.PageId)) ApplyLoaded(entry.Sequence, entry.Update, logger);
        IsLoaded = true;
        foreach (var (sequence, update) in _remoteWhileLoading) ApplyLoaded(sequence, update, logger);
        _remoteWhileLoading.Clear();
    }

    /// <summary>Applies a logged update (local, remote or replayed); a sequence already held is skipped.</summary>
    /// <summary>Before the page is loaded, updates from other nodes wait and are applied after the stored state.</summary>
    public void Apply(long sequence, byte[] update, ILogger logger)
    {
        if (IsLoaded) ApplyLoaded(sequence, update, logger);
        else _remoteWhileLoading.Add((sequence, update));
    }

    private void ApplyLoaded(long sequence, byte[] update, ILogger logger)
    {
        if (sequence > 0 && !Uncompacted.TryAdd(sequence, update.Length)) return;
        try { Document.ApplyUpdate(update); }
        catch (CrdtFormatException error) { logger.LogError(error, "Stored update {Sequence} of page {PageId} does not parse", sequence, Key.PageId); }
        LogBytes += update.Length;
        LastSequence = Math.Max(LastSequence, sequence);
    }

    /// <summary>Forgets the entries a compaction moved into the snapshot.</summary>
    public void Compacted(IEnumerable<long> sequences)
    {
        foreach (var sequence in sequences)
            if (Uncompacted.Remove(sequence, out var bytes)) LogBytes -= bytes;
    }

    public byte[] EncodeAwareness() =>
        AwarenessUpdate.Encode(_awareness.Select(pair => new AwarenessClientState(pair.Key, pair.Value.Clock, pair.Value.StateJson)).ToList());

    /// <summary>True when one of <paramref name="clients"/> belongs to another connection of this node.</summary>
    public bool ClaimsForeignClient(IEnumerable<AwarenessClientState> clients, string connectionId) =>
        clients.Any(c => _awareness.TryGetValue(c.ClientId, out var entry) && entry.ConnectionId is not null && entry.ConnectionId != connectionId);

    public void RecordAwareness(IEnumerable<AwarenessClientState> clients, string? connectionId)
    {
        foreach (var client in clients)
        {
            if (_awareness.TryGetValue(client.ClientId, out var known) && known.Clock > client.Clock) continue;
            if (client.IsRemoved) _awareness.Remove(client.ClientId);
            else _awareness[client.ClientId] = new AwarenessEntry(client.Clock, client.StateJson, connectionId);
        }
    }

    /// <summary>Removes a connection's awareness states; returns the update that tells the others (null: it had none).</summary>
    public byte[]? RemoveAwarenessOf(string connectionId)
    {
        var removed = _awareness.Where(pair => pair.Value.ConnectionId == connectionId).ToList();
        if (removed.Count == 0) return null;
        foreach (var (clientId, _) in removed) _awareness.Remove(clientId);
        return AwarenessUpdate.Encode(removed.Select(pair => new AwarenessClientState(pair.Key, pair.Value.Clock + 1, "null")).ToList());
    }

    private sealed record AwarenessEntry(ulong Clock, string StateJson, string? ConnectionId);
}
