using System.Runtime.CompilerServices;
using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// Reading a whole collection out of a LiteDB file and writing records back as they are, for the LiteDB stores'
/// <see cref="IStoreTransfer"/>. A collection is read in pages in <c>_id</c> order, each page in its own short read:
/// a read holds the file open and must not span the caller's awaits, and a chat collection may not fit in memory.
/// </summary>
public static class LiteDbTransfer
{
    private const int RecordsPerPage = 1_000;

    /// <summary>Every document of <paramref name="collection"/>, in <c>_id</c> order, mapped as the store maps it.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        DocumentDatabase file, string collection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = BsonValue.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (page, last) = file.Read(db =>
            {
                var documents = db.GetCollection(collection).Query().Where(LiteDbKeyRange.After(after)).OrderBy("_id").Limit(RecordsPerPage).ToList();
                return (documents.Select(document => db.Mapper.ToObject<T>(document)).ToList(), documents.Count > 0 ? documents[^1]["_id"] : null);
            });
            foreach (var record in page) yield return record;
            if (page.Count < RecordsPerPage || last is null) yield break;
            after = last;
            // Lets the consumer's work interleave with the next page's read instead of running all pages in one go.
            await Task.Yield();
        }
    }

    /// <summary>
    /// Inserts or replaces each record with its own id (a numeric id also moves LiteDB's auto-id past it, so the next
    /// insert without an id continues after the highest one). One transaction per file: the batch is all or nothing.
    /// </summary>
    public static Task UpsertAsync<T>(DocumentDatabase file, string collection, IEnumerable<T> records, BsonAutoId autoId = BsonAutoId.ObjectId) =>
        file.WriteAsync(db =>
        {
            var target = db.GetCollection<T>(collection, autoId);
            foreach (var record in records) target.Upsert(record);
        });
}
