using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>Turns a stored post change into the right event for the right people (held posts reach only their author).</summary>
public sealed class ForumPublisher(IForumStore store, IForumNotifier notifier)
{
    public async Task PostAsync(string twinSpaceId, ForumPost post, bool added, CancellationToken cancellationToken = default)
    {
        if (post.State == ForumPostState.HeldForReview)
        {
            // An edit that got held replaces content the viewers already show: they get the empty public view.
            // A new held post is not announced at all; moderators find it in the review queue.
            if (!added)
                await notifier.PostChangedAsync(twinSpaceId, post.DiscussionId, post.View(ForumViewer.Public, null, false)).ConfigureAwait(false);
            var own = post.View(new ForumViewer(post.AuthorId, false), null, false);
            await notifier.PostChangedForAsync(post.AuthorId, twinSpaceId, post.DiscussionId, own).ConfigureAwait(false);
            return;
        }
        var quoted = post.QuotedPostId is null
            ? null
            : await store.FindPostAsync(twinSpaceId, post.QuotedPostId, cancellationToken).ConfigureAwait(false);
        var view = post.View(ForumViewer.Public, quoted, false);
        if (added) await notifier.PostAddedAsync(twinSpaceId, post.DiscussionId, view).ConfigureAwait(false);
        else await notifier.PostChangedAsync(twinSpaceId, post.DiscussionId, view).ConfigureAwait(false);
        // The author of a hidden post learns why; the group's view above carries no reason. Sent after the group's,
        // so the author's connections end with this one.
        if (post.State == ForumPostState.Hidden)
            await notifier.PostChangedForAsync(post.AuthorId, twinSpaceId, post.DiscussionId,
                post.View(new ForumViewer(post.AuthorId, false), quoted, false)).ConfigureAwait(false);
    }

    public Task ThreadAsync(string twinSpaceId, ForumThread thread, bool deleted = false) =>
        notifier.ThreadChangedAsync(twinSpaceId, thread.View(), deleted);
}
