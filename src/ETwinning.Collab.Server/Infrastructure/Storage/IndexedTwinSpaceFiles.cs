using System.Collections.Concurrent;
using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// A LiteDB store's reads and writes in the TwinSpace files, with the store's own indexes made sure of once per file,
/// inside the first write to it (index creation is a write, and each file has one writer).
/// </summary>
public sealed class IndexedTwinSpaceFiles(DatabaseFiles files, Action<LiteDatabase> ensureIndexes)
{
    private readonly ConcurrentDictionary<string, bool> _indexed = new();

    // LiteDB reads are synchronous and short (indexed, in one file); a provider with network round trips awaits here.
    public ValueTask<T> ReadAsync<T>(string twinSpaceId, Func<LiteDatabase, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(files.ForTwinSpace(twinSpaceId).Read(read));
    }

    // A write already queued for the file's writer is not withdrawn: the token is checked before it is queued.
    public Task<T> WriteAsync<T>(string twinSpaceId, Func<LiteDatabase, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ensure = _indexed.TryAdd(twinSpaceId, true);
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            if (ensure) ensureIndexes(db);
            return write(db);
        });
    }

    public Task<bool> WriteAsync(string twinSpaceId, Action<LiteDatabase> write, CancellationToken cancellationToken) =>
        WriteAsync(twinSpaceId, db => { write(db); return true; }, cancellationToken);
}
