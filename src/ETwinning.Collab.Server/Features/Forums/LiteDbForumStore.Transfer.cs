using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Forums;

public sealed partial class LiteDbForumStore : IStoreTransfer
{
    public string Feature => ForumTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
        {
            var file = files.ForTwinSpace(twinSpaceId);
            await foreach (var discussion in LiteDbTransfer.ReadAllAsync<ForumDiscussion>(file, Discussions_, cancellationToken).ConfigureAwait(false))
                yield return new(ForumTransfer.Discussion, twinSpaceId, discussion);
            await foreach (var thread in LiteDbTransfer.ReadAllAsync<ForumThread>(file, Threads_, cancellationToken).ConfigureAwait(false))
                yield return new(ForumTransfer.Thread, twinSpaceId, thread with { SortKey = "" });
            await foreach (var post in LiteDbTransfer.ReadAllAsync<ForumPost>(file, Posts_, cancellationToken).ConfigureAwait(false))
                yield return new(ForumTransfer.Post, twinSpaceId, post);
            await foreach (var revision in LiteDbTransfer.ReadAllAsync<ForumPostRevision>(file, Revisions_, cancellationToken).ConfigureAwait(false))
                yield return new(ForumTransfer.Revision, twinSpaceId, revision with { Id = 0 });
            await foreach (var like in LiteDbTransfer.ReadAllAsync<ForumLike>(file, Likes, cancellationToken).ConfigureAwait(false))
                yield return new(ForumTransfer.Like, twinSpaceId, like);
            await foreach (var marker in LiteDbTransfer.ReadAllAsync<ForumReadMarker>(file, ReadMarkers_, cancellationToken).ConfigureAwait(false))
                yield return new(ForumTransfer.ReadMarker, twinSpaceId, marker);
        }
    }

    // Threads carry their own counters (last number, version): the next reply continues from the imported thread.
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            await _twinSpaces.WriteAsync(twinSpace.Key, db =>
            {
                foreach (var record in twinSpace)
                {
                    switch (record.Record)
                    {
                        case ForumDiscussion discussion when record.Kind == ForumTransfer.Discussion: DiscussionsOf(db).Upsert(discussion); break;
                        case ForumThread thread when record.Kind == ForumTransfer.Thread: ThreadsOf(db).Upsert(thread.WithSortKey()); break;
                        case ForumPost post when record.Kind == ForumTransfer.Post: PostsOf(db).Upsert(post); break;
                        case ForumPostRevision revision when record.Kind == ForumTransfer.Revision:
                            var revisions = RevisionsOf(db);
                            if (!revisions.Exists(r => r.PostId == revision.PostId && r.EditedAt == revision.EditedAt && r.Source == revision.Source))
                                revisions.Insert(revision with { Id = 0 });
                            break;
                        case ForumLike like when record.Kind == ForumTransfer.Like: db.GetCollection<ForumLike>(Likes).Upsert(like); break;
                        case ForumReadMarker marker when record.Kind == ForumTransfer.ReadMarker:
                            db.GetCollection<ForumReadMarker>(ReadMarkers_).Upsert(marker);
                            break;
                        default: throw record.NotOf(Feature);
                    }
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
