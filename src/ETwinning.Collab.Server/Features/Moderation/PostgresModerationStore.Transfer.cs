using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Moderation;

public sealed partial class PostgresModerationStore : IStoreTransfer
{
    public string Feature => ModerationTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new("SELECT twinspace_id, rules FROM moderation_word_lists ORDER BY twinspace_id",
            row => new(ModerationTransfer.WordList, row.GetString(0), PostgresDocument.Read<List<WordFilterRule>>(row, 1))),
        new("SELECT twinspace_id, doc FROM moderation_reviews ORDER BY twinspace_id, id",
            row => new(ModerationTransfer.ReviewItem, row.GetString(0), PostgresDocument.Read<ReviewItem>(row, 1))),
        new("SELECT twinspace_id, doc FROM moderation_mutes ORDER BY twinspace_id, id",
            row => new(ModerationTransfer.Mute, row.GetString(0), PostgresDocument.Read<Mute>(row, 1))),
    ], cancellationToken);

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record =>
        {
            var twinSpaceId = record.RequireTwinSpace();
            return record.Record switch
            {
                IReadOnlyList<WordFilterRule> rules when record.Kind == ModerationTransfer.WordList => new("""
                    INSERT INTO moderation_word_lists (twinspace_id, rules) VALUES ($1, $2)
                    ON CONFLICT (twinspace_id) DO UPDATE SET rules = excluded.rules
                    """, twinSpaceId, PostgresDocument.Of(rules)),
                ReviewItem item when record.Kind == ModerationTransfer.ReviewItem => new("""
                    INSERT INTO moderation_reviews (twinspace_id, id, content_key, content_kind, state, created_at, doc)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (twinspace_id, id) DO UPDATE SET content_key = excluded.content_key, content_kind = excluded.content_kind,
                        state = excluded.state, created_at = excluded.created_at, doc = excluded.doc
                    """, ItemArguments(twinSpaceId, item)),
                Mute mute when record.Kind == ModerationTransfer.Mute => new("""
                    INSERT INTO moderation_mutes (twinspace_id, id, doc) VALUES ($1, $2, $3)
                    ON CONFLICT (twinspace_id, id) DO UPDATE SET doc = excluded.doc
                    """, twinSpaceId, mute.Id, PostgresDocument.Of(mute)),
                _ => throw record.NotOf(Feature),
            };
        }, cancellationToken);
}
