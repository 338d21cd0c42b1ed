using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Applies review-queue decisions to forum posts: approving a held post publishes it (its thread's viewers get it
/// as a new post), approving a reported one keeps it; removing hides it with the moderator's reason.
/// </summary>
public sealed class ForumModeratedContent(ForumPostChanges changes, ForumPublisher publisher) : IModeratedContent
{
    public string Kind => ForumSafety.PostKind;

    public async Task ApproveAsync(string twinSpaceId, ContentRef content, string moderatorId)
    {
        // Judged against the post as stored when the approval is written: a post its author deleted meanwhile stays deleted.
        var approvedNow = false;
        var approved = await changes.ChangeAsync(twinSpaceId, content.ContentId, post =>
        {
            approvedNow = post.State == ForumPostState.HeldForReview;
            return approvedNow ? post with { State = ForumPostState.Visible, ModerationNote = null, ModeratedBy = moderatorId } : post;
        }).ConfigureAwait(false);
        if (approved is not null && approvedNow) await publisher.PostAsync(twinSpaceId, approved, added: true).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string twinSpaceId, ContentRef content, string moderatorId, string reason)
    {
        var hiddenNow = false;
        var wasHeld = false;
        var hidden = await changes.ChangeAsync(twinSpaceId, content.ContentId, post =>
        {
            hiddenNow = post.State is not (ForumPostState.Deleted or ForumPostState.Hidden);
            wasHeld = post.State == ForumPostState.HeldForReview;
            return hiddenNow ? post with { State = ForumPostState.Hidden, ModerationNote = reason, ModeratedBy = moderatorId } : post;
        }).ConfigureAwait(false);
        // A held post nobody saw needs no broadcast; its author learns the outcome.
        if (hidden is not null && hiddenNow && !wasHeld) await publisher.PostAsync(twinSpaceId, hidden, added: false).ConfigureAwait(false);
    }
}
