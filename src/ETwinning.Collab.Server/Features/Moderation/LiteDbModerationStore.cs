using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>Word lists, review items and mutes in each TwinSpace's own file.</summary>
public sealed partial class LiteDbModerationStore(DatabaseFiles files) : IModerationStore
{
    private const string WordLists = "moderation_words";
    private const string Reviews = "moderation_reviews";
    private const string MutesCollection = "moderation_mutes";
    private const string WordListId = "words";

    /// <summary>Created when a TwinSpace file opens (<see cref="TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [WordLists, Reviews, MutesCollection];

    public ValueTask<IReadOnlyList<WordFilterRule>> WordListAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<WordFilterRule>>(
            files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<StoredWordList>(WordLists).FindById(WordListId))
                ?.Rules.Select(r => new WordFilterRule(r.Word, r.Action)).ToList() ?? []);
    }

    public Task SetWordListAsync(string twinSpaceId, IReadOnlyList<WordFilterRule> rules, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = new StoredWordList { Id = WordListId, Rules = rules.Select(r => new StoredWordRule { Word = r.Word, Action = r.Action }).ToList() };
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db => db.GetCollection<StoredWordList>(WordLists).Upsert(stored));
    }

    public Task<ReviewItem> AddOrMergeReviewItemAsync(string twinSpaceId, ReviewItem item, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var reviews = ReviewCollection(db, writing: true);
            var open = reviews.FindOne(r => r.ContentKey == item.ContentKey && r.State == ReviewState.Open);
            if (open is null)
            {
                reviews.Insert(item);
                return item;
            }
            var merged = open with
            {
                Reports = [.. open.Reports, .. item.Reports.Where((_, i) => !open.ReporterIds.Contains(item.ReporterIds[i]))],
                ReporterIds = [.. open.ReporterIds, .. item.ReporterIds.Where(id => !open.ReporterIds.Contains(id))],
            };
            reviews.Update(merged);
            return merged;
        });
    }

    public ValueTask<bool> HasOpenReviewItemAsync(string twinSpaceId, string contentKey, CancellationToken cancellationToken = default) =>
        Read(twinSpaceId, db => ReviewCollection(db).Exists(r => r.ContentKey == contentKey && r.State == ReviewState.Open), cancellationToken);

    public ValueTask<ReviewItem?> FindReviewItemAsync(string twinSpaceId, string itemId, CancellationToken cancellationToken = default) =>
        Read(twinSpaceId, db => (ReviewItem?)ReviewCollection(db).FindById(itemId), cancellationToken);

    public ValueTask<IReadOnlyList<ReviewItem>> ReviewItemsAsync(
        string twinSpaceId, string? contentKind, bool openOnly, int limit, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<ReviewItem>>(twinSpaceId, db =>
        {
            var query = ReviewCollection(db).Query();
            if (contentKind is not null) query = query.Where(r => r.ContentKind == contentKind);
            if (openOnly) query = query.Where(r => r.State == ReviewState.Open);
            return query.OrderBy(r => r.CreatedAt).Limit(limit).ToList();
        }, cancellationToken);

    public Task<bool> TryResolveReviewItemAsync(string twinSpaceId, ReviewItem resolved, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var reviews = ReviewCollection(db, writing: true);
            var current = reviews.FindById(resolved.Id);
            if (current is null || current.State != ReviewState.Open) return false;
            return reviews.Update(resolved);
        });
    }

    public Task SetMuteAsync(string twinSpaceId, Mute mute, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            db.GetCollection<Mute>(MutesCollection).Upsert(mute);
            MutesOf(file, db)[mute.Id] = mute;
        });
    }

    public Task RemoveMuteAsync(string twinSpaceId, string scope, string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            db.GetCollection<Mute>(MutesCollection).Delete(Mute.KeyOf(scope, accountId));
            MutesOf(file, db).TryRemove(Mute.KeyOf(scope, accountId), out _);
        });
    }

    // Every chat send and forum post asks; the answer comes from memory.
    public ValueTask<Mute?> FindMuteAsync(string twinSpaceId, string scope, string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return ValueTask.FromResult(file.Read(db => MutesOf(file, db).GetValueOrDefault(Mute.KeyOf(scope, accountId))));
    }

    public ValueTask<IReadOnlyList<Mute>> MutesAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return ValueTask.FromResult<IReadOnlyList<Mute>>(file.Read(db => MutesOf(file, db).Values.ToList()));
    }

    /// <summary>LiteDB reads are synchronous and short (committed pages, no waiting on the writer): answered inline.</summary>
    private ValueTask<T> Read<T>(string twinSpaceId, Func<LiteDatabase, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(files.ForTwinSpace(twinSpaceId).Read(read));
    }

    /// <summary>
    /// The file's mutes, loaded once and kept next to its writer: only the writes above change them, and they change
    /// the copy too. A mute shows a moment before its batch commits, which is harmless; a rolled-back batch drops the copy.
    /// </summary>
    private static ConcurrentDictionary<string, Mute> MutesOf(DocumentDatabase file, LiteDatabase db) =>
        file.Attached(() => new MuteBook(db.GetCollection<Mute>(MutesCollection).FindAll())).Mutes;

    private sealed class MuteBook(IEnumerable<Mute> stored)
    {
        public ConcurrentDictionary<string, Mute> Mutes { get; } = new(stored.Select(m => KeyValuePair.Create(m.Id, m)), StringComparer.Ordinal);
    }

    // EnsureIndex writes, so only the writer (inside WriteAsync) may call it; readers just read.
    private static ILiteCollection<ReviewItem> ReviewCollection(LiteDatabase db, bool writing = false)
    {
        var reviews = db.GetCollection<ReviewItem>(Reviews);
        if (writing) reviews.EnsureIndex(r => r.ContentKey);
        return reviews;
    }

    internal sealed class StoredWordList
    {
        public string Id { get; set; } = "";
        public List<StoredWordRule> Rules { get; set; } = [];
    }

    internal sealed class StoredWordRule
    {
        public string Word { get; set; } = "";
        public WordFilterAction Action { get; set; }
    }
}
