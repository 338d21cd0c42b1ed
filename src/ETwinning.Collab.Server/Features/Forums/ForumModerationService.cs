using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// What forum moderators do (callers hold ModerateForums, checked by the permission filter): hide and show posts,
/// pin, lock and delete threads, read edit histories, work through the forum part of the shared review queue.
/// Reporting is open to every member who may reply. Every moderation action is audited.
/// </summary>
public sealed class ForumModerationService(
    ForumService forums, IForumStore store, ForumPublisher publisher, ForumSafety safety,
    ModerationService moderation, ITwinSpaceStore twinSpaces)
{
    public async Task<ForumPostView> HidePostAsync(MemberContext moderator, string? postId, string? reason)
    {
        var post = forums.FindPost(moderator, postId);
        var why = moderation.RequireReason(reason);
        if (post.State == ForumPostState.Deleted) throw CollabException.Conflict("A deleted post cannot be hidden.");
        var hidden = await SetStateAsync(moderator, post, ForumPostState.Hidden, why).ConfigureAwait(false);
        await moderation.RecordHiddenAsync(moderator, ForumSafety.RefOf(post), why).ConfigureAwait(false);
        await safety.AuditAsync(moderator, ForumAuditActions.PostHidden, post.Id, $"{post.AuthorName}: {why}").ConfigureAwait(false);
        return forums.View(moderator, ForumService.ViewerOf(moderator), hidden);
    }

    /// <summary>Makes a hidden post visible again (a hide that was a mistake).</summary>
    public async Task<ForumPostView> ShowPostAsync(MemberContext moderator, string? postId)
    {
        var post = forums.FindPost(moderator, postId);
        if (post.State != ForumPostState.Hidden) throw CollabException.Conflict("Only a hidden post can be shown again.");
        var shown = await SetStateAsync(moderator, post, ForumPostState.Visible, null).ConfigureAwait(false);
        await safety.AuditAsync(moderator, ForumAuditActions.PostShown, post.Id, post.AuthorName).ConfigureAwait(false);
        return forums.View(moderator, ForumService.ViewerOf(moderator), shown);
    }

    public Task<ForumThreadView> SetPinnedAsync(MemberContext moderator, string? threadId, bool pinned) =>
        ChangeThreadAsync(moderator, threadId, t => t with { Pinned = pinned },
            pinned ? ForumAuditActions.ThreadPinned : ForumAuditActions.ThreadUnpinned);

    public Task<ForumThreadView> SetLockedAsync(MemberContext moderator, string? threadId, bool locked) =>
        ChangeThreadAsync(moderator, threadId, t => t with { Locked = locked },
            locked ? ForumAuditActions.ThreadLocked : ForumAuditActions.ThreadUnlocked);

    /// <summary>Soft-deletes a thread: it leaves lists and refuses replies; its posts stay in the file.</summary>
    public Task DeleteThreadAsync(MemberContext moderator, string? threadId) =>
        ChangeThreadAsync(moderator, threadId, t => t with { Deleted = true }, ForumAuditActions.ThreadDeleted);

    /// <summary>Keeps a member from posting in one discussion for a while; forum moderators cannot be muted.</summary>
    public async Task<MuteView> MuteAsync(MemberContext moderator, string? discussionId, string? accountId, int minutes, string? reason)
    {
        var discussion = forums.FindDiscussion(moderator, discussionId);
        var target = await twinSpaces.FindMembershipAsync(moderator.TwinSpaceId, Require.Id(accountId, "accountId")).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such member in this TwinSpace.");
        if (PermissionMatrix.Allows(target.Role, TwinSpaceAction.ModerateForums))
            throw CollabException.Forbidden("Forum moderators cannot be muted.");
        var mute = await moderation.MuteAsync(moderator, ForumSafety.MuteScope(discussion.Id), target.AccountId, minutes, reason)
            .ConfigureAwait(false);
        return mute.View();
    }

    public async Task UnmuteAsync(MemberContext moderator, string? discussionId, string? accountId)
    {
        var discussion = forums.FindDiscussion(moderator, discussionId);
        await moderation.UnmuteAsync(moderator, ForumSafety.MuteScope(discussion.Id), Require.Id(accountId, "accountId")).ConfigureAwait(false);
    }

    /// <summary>Every earlier version of a post, oldest first (what was written before each edit).</summary>
    public IReadOnlyList<ForumPostRevisionView> History(MemberContext moderator, string? postId)
    {
        var post = forums.FindPost(moderator, postId);
        return store.Revisions(moderator.TwinSpaceId, post.Id).Select(r => r.View()).ToList();
    }

    /// <summary>Any member who may reply may report a post; reports of one post gather in one review item.</summary>
    public async Task ReportPostAsync(MemberContext member, string? postId, string? reason)
    {
        var post = forums.FindPost(member, postId);
        if (post.State != ForumPostState.Visible) throw CollabException.Conflict("This post is already with the moderators.");
        await moderation.ReportAsync(member, ForumSafety.RefOf(post), post.AuthorId, post.AuthorName, post.Source, reason).ConfigureAwait(false);
    }

    /// <summary>The forum part of the review queue, after queueing any held post a crash left out of it.</summary>
    public async Task<IReadOnlyList<ReviewItemView>> ReviewQueueAsync(MemberContext moderator, bool openOnly, int? limit)
    {
        await safety.QueueForgottenHoldsAsync(moderator.TwinSpaceId, store.HeldPosts(moderator.TwinSpaceId)).ConfigureAwait(false);
        return moderation.ReviewQueue(moderator.TwinSpaceId, ForumSafety.PostKind, openOnly, limit).Select(i => i.View()).ToList();
    }

    public async Task<ReviewItemView> ResolveReviewAsync(MemberContext moderator, string? itemId, ReviewDecision decision, string? reason) =>
        (await moderation.ResolveAsync(moderator, itemId!, decision, reason, ForumSafety.PostKind).ConfigureAwait(false)).View();

    private async Task<ForumPost> SetStateAsync(MemberContext moderator, ForumPost post, ForumPostState state, string? note)
    {
        var updated = await store.UpdatePostAsync(moderator.TwinSpaceId, post.Id,
            p => p with { State = state, ModerationNote = note, ModeratedBy = moderator.AccountId }, null).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such post in this TwinSpace.");
        await publisher.PostAsync(moderator.TwinSpaceId, updated, added: false).ConfigureAwait(false);
        return updated;
    }

    private async Task<ForumThreadView> ChangeThreadAsync(
        MemberContext moderator, string? threadId, Func<ForumThread, ForumThread> change, string auditAction)
    {
        var thread = forums.FindThread(moderator, threadId);
        var updated = await store.UpdateThreadAsync(moderator.TwinSpaceId, thread.Id, change).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such thread in this TwinSpace.");
        await safety.AuditAsync(moderator, auditAction, thread.Id, thread.Title).ConfigureAwait(false);
        await publisher.ThreadAsync(moderator.TwinSpaceId, updated, updated.Deleted).ConfigureAwait(false);
        return updated.View();
    }
}
