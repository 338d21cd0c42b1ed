using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Applies review-queue decisions to forum posts: approving a held post publishes it (its thread's viewers get it
/// as a new post), approving a reported one keeps it; removing hides it with the moderator's reason.
/// </summary>
public sealed class ForumModeratedContent(IForumStore store, ForumPublisher publisher) : IModeratedContent
{
    public string Kind => ForumSafety.PostKind;

    public async Task ApproveAsync(string twinSpaceId, ContentRef content, string moderatorId)
    {
        var post = store.FindPost(twinSpaceId, content.ContentId);
        if (post is null || post.State != ForumPostState.HeldForReview) return;
        var approved = await store.UpdatePostAsync(twinSpaceId, post.Id,
            p => p with { State = ForumPostState.Visible, ModerationNote = null, ModeratedBy = moderatorId }, null).ConfigureAwait(false);
        if (approved is not null) await publisher.PostAsync(twinSpaceId, approved, added: true).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string twinSpaceId, ContentRef content, string moderatorId, string reason)
    {
        var post = store.FindPost(twinSpaceId, content.ContentId);
        if (post is null || post.State is ForumPostState.Deleted or ForumPostState.Hidden) return;
        var wasHeld = post.State == ForumPostState.HeldForReview;
        var hidden = await store.UpdatePostAsync(twinSpaceId, post.Id,
            p => p with { State = ForumPostState.Hidden, ModerationNote = reason, ModeratedBy = moderatorId }, null).ConfigureAwait(false);
        // A held post nobody saw needs no broadcast; its author learns the outcome.
        if (hidden is not null && !wasHeld) await publisher.PostAsync(twinSpaceId, hidden, added: false).ConfigureAwait(false);
    }
}
