using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>
/// Bulletin and journal entries in the TwinSpace's own file (exported and deleted with it). Sequences are assigned
/// inside the file's single writer, so reading the feed's last number and inserting the next one cannot interleave.
/// </summary>
public sealed partial class LiteDbUpdateStore(DatabaseFiles files) : IUpdateStore
{
    private const string Collection = "updates";

    /// <summary>Created when a TwinSpace file opens (<see cref="TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [Collection];

    public static void Map(BsonMapper mapper) =>
        mapper.Entity<TwinSpaceUpdate>().Id(update => update.Id, autoId: false);

    public Task<TwinSpaceUpdate> AppendAsync(TwinSpaceUpdate entry, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(entry.TwinSpaceId).WriteAsync(db =>
        {
            var updates = Updates(db);
            // An index write, so only under the writer; feeds are small, readers manage without it until then.
            updates.EnsureIndex(u => u.Sequence);
            var retry = updates.FindOne(u => u.Kind == entry.Kind && u.AuthorId == entry.AuthorId && u.ClientId == entry.ClientId);
            if (retry is not null)
                return retry;
            var last = updates.Query().Where(u => u.Kind == entry.Kind).OrderByDescending(u => u.Sequence).Limit(1).FirstOrDefault();
            var stored = entry with { Sequence = (last?.Sequence ?? 0) + 1, Version = 1 };
            updates.Insert(stored);
            return stored;
        });
    }

    public ValueTask<TwinSpaceUpdate?> FindAsync(string twinSpaceId, UpdateKind kind, long sequence, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<TwinSpaceUpdate?>(files.ForTwinSpace(twinSpaceId).Read(db =>
            Updates(db).FindOne(u => u.Kind == kind && u.Sequence == sequence)));
    }

    public ValueTask<IReadOnlyList<TwinSpaceUpdate>> ListAsync(
        string twinSpaceId, UpdateKind kind, long? beforeSequence, int limit, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = beforeSequence ?? long.MaxValue;
        return ValueTask.FromResult<IReadOnlyList<TwinSpaceUpdate>>(files.ForTwinSpace(twinSpaceId).Read(db =>
            Updates(db).Query().Where(u => u.Kind == kind && u.Sequence < before && !u.IsDeleted)
                .OrderByDescending(u => u.Sequence).Limit(limit).ToList()));
    }

    public Task<TwinSpaceUpdate?> TryReplaceAsync(TwinSpaceUpdate updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(updated.TwinSpaceId).WriteAsync(db =>
        {
            var updates = Updates(db);
            var current = updates.FindOne(u => u.Kind == updated.Kind && u.Sequence == updated.Sequence);
            if (current is null || current.Version != expectedVersion)
                return null;
            var stored = updated with
            {
                Id = current.Id, AuthorId = current.AuthorId, ClientId = current.ClientId, CreatedAt = current.CreatedAt,
                Version = expectedVersion + 1,
            };
            updates.Update(stored);
            return (TwinSpaceUpdate?)stored;
        });
    }

    private static ILiteCollection<TwinSpaceUpdate> Updates(LiteDatabase db) => db.GetCollection<TwinSpaceUpdate>(Collection);
}
