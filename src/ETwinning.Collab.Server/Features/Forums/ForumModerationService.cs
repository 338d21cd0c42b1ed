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
    ForumService forums, IForumStore store, ForumPostChanges changes, ForumPublisher publisher, ForumSafety safety,
    ModerationService moderation, ITwinSpaceStore twinSpaces)
{
    public async Task<ForumPostView> HidePostAsync(MemberContext moderator, string? postId, string? reason, CancellationToken cancellationToken = default)
    {
        var post = await forums.FindPostAsync(moderator, postId, cancellationToken).ConfigureAwait(false);
        var why = moderation.RequireReason(reason);
        var hidden = await SetStateAsync(moderator, post, ForumPostState.Hidden, why, current =>
        {
            if (current.State == ForumPostState.Deleted) throw CollabException.Conflict("A deleted post cannot be hidden.").WithKey("Forum_HideDeleted");
        }, cancellationToken).ConfigureAwait(false);
        await moderation.RecordHiddenAsync(moderator, ForumSafety.RefOf(post), why, cancellationToken).ConfigureAwait(false);
        await safety.AuditAsync(moderator, ForumAuditActions.PostHidden, post.Id, $"{post.AuthorName}: {why}").ConfigureAwait(false);
        return await forums.ViewAsync(moderator, ForumService.ViewerOf(moderator), hidden, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a hidden post visible again (a hide that was a mistake).</summary>
    public async Task<ForumPostView> ShowPostAsync(MemberContext moderator, string? postId, CancellationToken cancellationToken = default)
    {
        var post = await forums.FindPostAsync(moderator, postId, cancellationToken).ConfigureAwait(false);
        var shown = await SetStateAsync(moderator, post, ForumPostState.Visible, null, current =>
        {
            if (current.State != ForumPostState.Hidden) throw CollabException.Conflict("Only a hidden post can be shown again.").WithKey("Forum_ShowOnlyHidden");
        }, cancellationToken).ConfigureAwait(false);
        await safety.AuditAsync(moderator, ForumAuditActions.PostShown, post.Id, post.AuthorName).ConfigureAwait(false);
        return await forums.ViewAsync(moderator, ForumService.ViewerOf(moderator), shown, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ForumThreadView> SetPinnedAsync(MemberContext moderator, string? threadId, bool pinned, CancellationToken cancellationToken = default)
    {
        var thread = await forums.FindThreadAsync(moderator, threadId, cancellationToken).ConfigureAwait(false);
        var updated = await store.SetThreadPinnedAsync(moderator.TwinSpaceId, thread.Id, pinned, cancellationToken).ConfigureAwait(false);
        return await ThreadChangedAsync(moderator, thread, updated, pinned ? ForumAuditActions.ThreadPinned : ForumAuditActions.ThreadUnpinned)
            .ConfigureAwait(false);
    }

    public async Task<ForumThreadView> SetLockedAsync(MemberContext moderator, string? threadId, bool locked, CancellationToken cancellationToken = default)
    {
        var thread = await forums.FindThreadAsync(moderator, threadId, cancellationToken).ConfigureAwait(false);
        var updated = await store.SetThreadLockedAsync(moderator.TwinSpaceId, thread.Id, locked, cancellationToken).ConfigureAwait(false);
        return await ThreadChangedAsync(moderator, thread, updated, locked ? ForumAuditActions.ThreadLocked : ForumAuditActions.ThreadUnlocked)
            .ConfigureAwait(false);
    }

    /// <summary>Soft-deletes a thread: it leaves lists and refuses replies; its posts stay in the file.</summary>
    public async Task DeleteThreadAsync(MemberContext moderator, string? threadId, CancellationToken cancellationToken = default)
    {
        var thread = await forums.FindThreadAsync(moderator, threadId, cancellationToken).ConfigureAwait(false);
        var updated = await store.DeleteThreadAsync(moderator.TwinSpaceId, thread.Id, cancellationToken).ConfigureAwait(false);
        await ThreadChangedAsync(moderator, thread, updated, ForumAuditActions.ThreadDeleted).ConfigureAwait(false);
    }

    /// <summary>Keeps a member from posting in one discussion for a while; forum moderators cannot be muted.</summary>
    public async Task<MuteView> MuteAsync(
        MemberContext moderator, string? discussionId, string? accountId, int minutes, string? reason, CancellationToken cancellationToken = default)
    {
        var discussion = await forums.FindDiscussionAsync(moderator, discussionId, cancellationToken).ConfigureAwait(false);
        var target = await twinSpaces.FindMembershipAsync(moderator.TwinSpaceId, Require.Id(accountId, "accountId"), cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such member in this TwinSpace.").WithKey("Member_NotInTwinSpace");
        if (PermissionMatrix.Allows(target.Role, TwinSpaceAction.ModerateForums))
            throw CollabException.Forbidden("Forum moderators cannot be muted.").WithKey("Forum_ModeratorsNotMuted");
        var mute = await moderation.MuteAsync(moderator, ForumSafety.MuteScope(discussion.Id), target.AccountId, minutes, reason, cancellationToken)
            .ConfigureAwait(false);
        return mute.View();
    }

    public async Task UnmuteAsync(MemberContext moderator, string? discussionId, string? accountId, CancellationToken cancellationToken = default)
    {
        var discussion = await forums.FindDiscussionAsync(moderator, discussionId, cancellationToken).ConfigureAwait(false);
        await moderation.UnmuteAsync(moderator, ForumSafety.MuteScope(discussion.Id), Require.Id(accountId, "accountId"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every earlier version of a post, oldest first (what was written before each edit).</summary>
    public async Task<IReadOnlyList<ForumPostRevisionView>> HistoryAsync(
        MemberContext moderator, string? postId, CancellationToken cancellationToken = default)
    {
        var post = await forums.FindPostAsync(moderator, postId, cancellationToken).ConfigureAwait(false);
        var revisions = await store.RevisionsAsync(moderator.TwinSpaceId, post.Id, cancellationToken).ConfigureAwait(false);
        return revisions.Select(r => r.View()).ToList();
    }

    /// <summary>Any member who may reply may report a post; reports of one post gather in one review item.</summary>
    public async Task ReportPostAsync(MemberContext member, string? postId, string? reason, CancellationToken cancellationToken = default)
    {
        var post = await forums.FindPostAsync(member, postId, cancellationToken).ConfigureAwait(false);
        if (post.State != ForumPostState.Visible) throw CollabException.Conflict("This post is already with the moderators.").WithKey("Forum_AlreadyReported");
        await moderation.ReportAsync(member, ForumSafety.RefOf(post), post.AuthorId, post.AuthorName, post.Source, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The forum part of the review queue, after queueing any held post a crash left out of it.</summary>
    public async Task<IReadOnlyList<ReviewItemView>> ReviewQueueAsync(
        MemberContext moderator, bool openOnly, int? limit, CancellationToken cancellationToken = default)
    {
        var held = await store.HeldPostsAsync(moderator.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        await safety.QueueForgottenHoldsAsync(moderator.TwinSpaceId, held).ConfigureAwait(false);
        return (await moderation.ReviewQueueAsync(moderator.TwinSpaceId, ForumSafety.PostKind, openOnly, limit, cancellationToken).ConfigureAwait(false)).Select(i => i.View()).ToList();
    }

    public async Task<ReviewItemView> ResolveReviewAsync(MemberContext moderator, string? itemId, ReviewDecision decision, string? reason) =>
        (await moderation.ResolveAsync(moderator, itemId!, decision, reason, ForumSafety.PostKind).ConfigureAwait(false)).View();

    // The rule (what the state may change from) is checked against the post as stored at each try of the write.
    private async Task<ForumPost> SetStateAsync(
        MemberContext moderator, ForumPost post, ForumPostState state, string? note, Action<ForumPost> requireAllowed,
        CancellationToken cancellationToken)
    {
        var updated = await changes.ChangeAsync(moderator.TwinSpaceId, post.Id, current =>
        {
            requireAllowed(current);
            return current with { State = state, ModerationNote = note, ModeratedBy = moderator.AccountId };
        }, cancellationToken: cancellationToken).ConfigureAwait(false) ?? throw CollabException.NotFound("No such post in this TwinSpace.").WithKey("Forum_NoPost");
        await publisher.PostAsync(moderator.TwinSpaceId, updated, added: false, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    private async Task<ForumThreadView> ThreadChangedAsync(MemberContext moderator, ForumThread thread, ForumThread? updated, string auditAction)
    {
        if (updated is null) throw CollabException.NotFound("No such thread in this TwinSpace.").WithKey("Forum_NoThread");
        await safety.AuditAsync(moderator, auditAction, thread.Id, thread.Title).ConfigureAwait(false);
        await publisher.ThreadAsync(moderator.TwinSpaceId, updated, updated.Deleted).ConfigureAwait(false);
        return updated.View();
    }
}
