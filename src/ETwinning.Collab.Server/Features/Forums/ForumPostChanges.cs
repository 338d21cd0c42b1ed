using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Changes one stored post by compare-and-set: reads it, lets the caller apply its rules and compute the new state
/// (throwing to refuse), and stores that state only if nobody changed the post meanwhile (an edit, a hide, a like);
/// otherwise reads again. The rules therefore always judge the state they replace, and the store runs no caller code:
/// a moderator's approval can no longer bring back a post its author deleted a moment before.
/// </summary>
public sealed class ForumPostChanges(IForumStore store, IOptions<ForumOptions> options)
{
    private readonly int _attempts = options.Value.PostChangeAttempts;

    /// <summary>
    /// The post after <paramref name="change"/>; when it returns the post it was given, nothing is written and that post
    /// comes back. <paramref name="revisionOf"/> makes the revision (the content before) from the post being replaced,
    /// stored in the same write. Null when there is no such post; conflict when every attempt lost its race.
    /// </summary>
    public async Task<ForumPost?> ChangeAsync(
        string twinSpaceId, string postId, Func<ForumPost, ForumPost> change, Func<ForumPost, ForumPostRevision>? revisionOf = null,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < _attempts; attempt++)
        {
            var current = await store.FindPostAsync(twinSpaceId, postId, cancellationToken).ConfigureAwait(false);
            if (current is null) return null;
            var changed = change(current);
            if (ReferenceEquals(changed, current)) return current;
            var stored = await store.TryReplacePostAsync(twinSpaceId, changed, current.Version, revisionOf?.Invoke(current), cancellationToken)
                .ConfigureAwait(false);
            if (stored is not null) return stored;
        }
        throw CollabException.Conflict("This post is being changed by many people at once; please try again.").WithKey("Forum_Busy");
    }
}
