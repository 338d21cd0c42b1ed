using System.Runtime.CompilerServices;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Moderation;

public sealed partial class LiteDbModerationStore : IStoreTransfer
{
    public string Feature => ModerationTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
        {
            var file = files.ForTwinSpace(twinSpaceId);
            await foreach (var list in LiteDbTransfer.ReadAllAsync<StoredWordList>(file, WordLists, cancellationToken).ConfigureAwait(false))
                yield return new(ModerationTransfer.WordList, twinSpaceId, list.Rules.Select(r => new WordFilterRule(r.Word, r.Action)).ToList());
            await foreach (var item in LiteDbTransfer.ReadAllAsync<ReviewItem>(file, Reviews, cancellationToken).ConfigureAwait(false))
                yield return new(ModerationTransfer.ReviewItem, twinSpaceId, item);
            await foreach (var mute in LiteDbTransfer.ReadAllAsync<Mute>(file, MutesCollection, cancellationToken).ConfigureAwait(false))
                yield return new(ModerationTransfer.Mute, twinSpaceId, mute);
        }
    }

    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files.ForTwinSpace(twinSpace.Key);
            await file.WriteAsync(db =>
            {
                foreach (var record in twinSpace)
                {
                    switch (record.Kind)
                    {
                        case ModerationTransfer.WordList:
                            var rules = (IReadOnlyList<WordFilterRule>)record.Record;
                            db.GetCollection<StoredWordList>(WordLists).Upsert(new StoredWordList
                            {
                                Id = WordListId, Rules = rules.Select(r => new StoredWordRule { Word = r.Word, Action = r.Action }).ToList(),
                            });
                            break;
                        case ModerationTransfer.ReviewItem:
                            ReviewCollection(db, writing: true).Upsert((ReviewItem)record.Record);
                            break;
                        case ModerationTransfer.Mute:
                            var mute = (Mute)record.Record;
                            db.GetCollection<Mute>(MutesCollection).Upsert(mute);
                            // The in-memory copy answers every mute check, so it learns the imported mute as SetMuteAsync's do.
                            MutesOf(file, db)[mute.Id] = mute;
                            break;
                        default:
                            throw record.NotOf(Feature);
                    }
                }
            }).ConfigureAwait(false);
        }
    }
}
