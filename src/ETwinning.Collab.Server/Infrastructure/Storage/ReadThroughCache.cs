using System.Collections.Concurrent;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// Remembers what was read from one file, for as long as nothing was written to it. Every hub call checks the
/// caller's membership and TwinSpace; reading them from LiteDB each time was a fifth of a chat send's CPU.
/// Correct without knowing which write changes what: an entry is only kept if no write was outstanding during the
/// read, and only used while the file's <see cref="DocumentDatabase.ReadStamp"/> has not moved, so any write to
/// the file (from any node sharing it) retires every entry, and nothing is served from memory while a write is on
/// its way. It pays off where reads far outnumber writes, as with memberships in the catalog.
/// </summary>
public sealed class ReadThroughCache<TKey, TValue>(DocumentDatabase file, int capacity) where TKey : notnull where TValue : class
{
    private readonly ConcurrentDictionary<TKey, (long Stamp, TValue? Value)> _entries = new();

    public TValue? Get(TKey key, Func<TValue?> read)
    {
        var before = file.ReadStamp;
        if (before is { } stamp && _entries.TryGetValue(key, out var entry) && entry.Stamp == stamp) return entry.Value;
        var value = read();
        if (before is { } readAt && file.ReadStamp == readAt)
        {
            // Entries of older stamps are dead weight; past the capacity, start again rather than track ages.
            if (_entries.Count >= capacity) _entries.Clear();
            _entries[key] = (readAt, value);
        }
        return value;
    }
}
