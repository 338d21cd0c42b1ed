using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.RichText;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Discussions, threads and replies: reading (paging, unread counts, read markers), writing (Markdown rendered
/// to sanitized HTML once, on write), editing with history, likes. Callers arrive checked against the permission
/// matrix; what remains here are rules about the target (author, lock, same thread). A room's discussions are only
/// for the people the room is for (<see cref="RoomVisibility"/>): to anyone else they do not exist, like their
/// threads and posts. Moderation actions are in <see cref="ForumModerationService"/>.
/// </summary>
public sealed class ForumService(
    IForumStore store, ForumPostChanges changes, IForumNotifier notifier, ForumPublisher publisher, RichTextRenderer richText,
    ForumInput input, ForumRateLimits limits, ForumSafety safety, RoomVisibility rooms, TimeProvider clock)
{
    public async Task<IReadOnlyList<ForumDiscussionView>> DiscussionsAsync(
        MemberContext member, string? roomId, CancellationToken cancellationToken = default)
    {
        var id = OptionalId(roomId, "roomId");
        var filter = await rooms.FilterForAsync(member, cancellationToken).ConfigureAwait(false);
        if (!filter.ShowsRoom(id)) throw CollabException.NotFound("No such room.").WithKey("Room_NotFound");
        return (await store.DiscussionsAsync(member.TwinSpaceId, id, cancellationToken).ConfigureAwait(false))
            .Where(d => filter.ShowsRoom(d.RoomId)).Select(d => d.View()).ToList();
    }

    public async Task<ForumDiscussionView> CreateDiscussionAsync(
        MemberContext member, CreateForumDiscussionRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var roomId = OptionalId(request.RoomId, "roomId");
        if (!(await rooms.FilterForAsync(member, cancellationToken).ConfigureAwait(false)).ShowsRoom(roomId))
            throw CollabException.NotFound("No such room.").WithKey("Room_NotFound");
        var description = input.Description(request.Description);
        if (description.Length > 0) description = await safety.ScreenTitleAsync(member, description).ConfigureAwait(false);
        var discussion = new ForumDiscussion
        {
            Id = Ids.New(),
            RoomId = roomId,
            Title = await safety.ScreenTitleAsync(member, input.Title(request.Title)).ConfigureAwait(false),
            DescriptionSource = description,
            DescriptionHtml = description.Length == 0 ? "" : richText.Render(description),
            CreatedBy = member.AccountId,
            CreatedByName = member.Membership.DisplayName,
            CreatedAt = Now,
            LastActivityAt = Now,
        };
        await store.AddDiscussionAsync(member.TwinSpaceId, discussion, cancellationToken).ConfigureAwait(false);
        await safety.AuditAsync(member, ForumAuditActions.DiscussionCreated, discussion.Id, discussion.Title).ConfigureAwait(false);
        var view = discussion.View();
        await notifier.DiscussionCreatedAsync(member.TwinSpaceId, view).ConfigureAwait(false);
        return view;
    }

    public async Task<ForumDiscussionPage> OpenDiscussionAsync(
        MemberContext member, string? discussionId, ForumThreadQuery? query, CancellationToken cancellationToken = default)
    {
        var discussion = await FindDiscussionAsync(member, discussionId, cancellationToken).ConfigureAwait(false);
        var (offset, limit) = input.ThreadPage(query?.Offset, query?.Limit);
        var threads = await store.ThreadsAsync(member.TwinSpaceId, discussion.Id, offset, limit, cancellationToken).ConfigureAwait(false);
        var markers = await store.ReadMarkersAsync(member.TwinSpaceId, member.AccountId, threads.Select(t => t.Id).ToList(), cancellationToken)
            .ConfigureAwait(false);
        var views = new List<ForumThreadView>(threads.Count);
        foreach (var thread in threads)
        {
            var lastRead = markers.GetValueOrDefault(thread.Id);
            var unread = await store.CountVisiblePostsAfterAsync(member.TwinSpaceId, thread.Id, lastRead, member.AccountId, cancellationToken)
                .ConfigureAwait(false);
            views.Add(thread.View(lastRead, unread));
        }
        var total = await store.CountThreadsAsync(member.TwinSpaceId, discussion.Id, cancellationToken).ConfigureAwait(false);
        return new ForumDiscussionPage(discussion.View(), views, total, offset);
    }

    public async Task<ForumThreadPage> CreateThreadAsync(
        MemberContext member, CreateForumThreadRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var discussion = await FindDiscussionAsync(member, request.DiscussionId, cancellationToken).ConfigureAwait(false);
        await safety.RequireNotMutedAsync(member, discussion.Id).ConfigureAwait(false);
        var body = input.Body(request.Body);
        var attachments = input.Attachments(request.AttachmentIds);
        var title = await safety.ScreenTitleAsync(member, input.Title(request.Title)).ConfigureAwait(false);
        var screened = await safety.ScreenAsync(member, body).ConfigureAwait(false);
        limits.TakePost(member.AccountId);
        var now = Now;
        var thread = new ForumThread
        {
            Id = Ids.New(), DiscussionId = discussion.Id, Title = title,
            AuthorId = member.AccountId, AuthorName = member.Membership.DisplayName, CreatedAt = now,
        };
        var (stored, opening) = await store.AddThreadAsync(member.TwinSpaceId, thread,
            NewPost(member, thread.Id, discussion.Id, screened, attachments, null, now), cancellationToken).ConfigureAwait(false);
        await safety.QueueIfHeldAsync(member, opening, screened).ConfigureAwait(false);
        await notifier.ThreadCreatedAsync(member.TwinSpaceId, discussion.RoomId, stored.View()).ConfigureAwait(false);
        var viewer = ViewerOf(member);
        var counted = await FindDiscussionAsync(member, discussion.Id, cancellationToken).ConfigureAwait(false);
        return new ForumThreadPage(counted.View(), stored.View(1, 0), [opening.View(viewer, null, false)], false);
    }

    /// <summary>
    /// A page of posts. The thread view tells where the member had read up to before this visit ("new since your
    /// last visit"); then the marker moves to the last post returned. Archived TwinSpaces keep their markers as they are.
    /// </summary>
    public async Task<ForumThreadPage> OpenThreadAsync(
        MemberContext member, string? threadId, ForumPostQuery? query, CancellationToken cancellationToken = default)
    {
        var thread = await FindThreadAsync(member, threadId, cancellationToken).ConfigureAwait(false);
        var discussion = await FindDiscussionAsync(member, thread.DiscussionId, cancellationToken).ConfigureAwait(false);
        var viewer = ViewerOf(member);
        var limit = input.PostLimit(query?.Limit);
        var posts = await store.PostsAsync(member.TwinSpaceId, thread.Id, Math.Max(0, query?.AfterNumber ?? 0), limit + 1, cancellationToken)
            .ConfigureAwait(false);
        var hasMore = posts.Count > limit;
        var page = posts.Take(limit).ToList();
        var markers = await store.ReadMarkersAsync(member.TwinSpaceId, member.AccountId, [thread.Id], cancellationToken).ConfigureAwait(false);
        var lastRead = markers.GetValueOrDefault(thread.Id);
        var unread = await store.CountVisiblePostsAfterAsync(member.TwinSpaceId, thread.Id, lastRead, member.AccountId, cancellationToken)
            .ConfigureAwait(false);
        var views = await ViewsAsync(member, viewer, page, cancellationToken).ConfigureAwait(false);
        if (page.Count > 0 && page[^1].Number > lastRead && member.TwinSpace.State == TwinSpaceState.Open)
            await store.AdvanceReadMarkerAsync(member.TwinSpaceId, thread.Id, member.AccountId, page[^1].Number, Now, cancellationToken)
                .ConfigureAwait(false);
        return new ForumThreadPage(discussion.View(), thread.View(lastRead, unread), views, hasMore);
    }

    /// <summary>What changed in a thread after <paramref name="sinceVersion"/>: how a client catches up after missing events.</summary>
    public async Task<ForumThreadChanges> ThreadChangesAsync(
        MemberContext member, string? threadId, long sinceVersion, CancellationToken cancellationToken = default)
    {
        var thread = await FindThreadAsync(member, threadId, cancellationToken).ConfigureAwait(false);
        var limit = input.Options.MaxPostPageSize;
        var changed = await store.PostsChangedSinceAsync(member.TwinSpaceId, thread.Id, Math.Max(0, sinceVersion), limit + 1, cancellationToken)
            .ConfigureAwait(false);
        var page = changed.Take(limit).ToList();
        var hasMore = changed.Count > limit;
        // The thread was read before the posts, so posts may be newer than its version: the next "since" is the
        // highest version actually returned (a later change then comes again, which clients apply idempotently).
        var pageVersion = page.Count > 0 ? page[^1].Version : 0;
        var version = hasMore ? pageVersion : Math.Max(Math.Max(thread.Version, pageVersion), sinceVersion);
        var views = await ViewsAsync(member, ViewerOf(member), page, cancellationToken).ConfigureAwait(false);
        return new ForumThreadChanges(thread.View(), views, version, hasMore);
    }

    public async Task MarkThreadReadAsync(MemberContext member, string? threadId, int number, CancellationToken cancellationToken = default)
    {
        var thread = await FindThreadAsync(member, threadId, cancellationToken).ConfigureAwait(false);
        if (member.TwinSpace.State != TwinSpaceState.Open) return;
        await store.AdvanceReadMarkerAsync(member.TwinSpaceId, thread.Id, member.AccountId, Math.Clamp(number, 0, thread.LastNumber), Now,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<ForumPostView> ReplyAsync(MemberContext member, PostForumReplyRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var thread = await FindThreadAsync(member, request.ThreadId, cancellationToken).ConfigureAwait(false);
        await safety.RequireNotMutedAsync(member, thread.DiscussionId).ConfigureAwait(false);
        var body = input.Body(request.Body);
        var attachments = input.Attachments(request.AttachmentIds);
        var viewer = ViewerOf(member);
        var quoted = request.QuotedPostId is null
            ? null
            : await FindQuotableAsync(member, thread, request.QuotedPostId, viewer, cancellationToken).ConfigureAwait(false);
        RequireOpenFor(thread, viewer);
        var screened = await safety.ScreenAsync(member, body).ConfigureAwait(false);
        limits.TakePost(member.AccountId);
        var result = await store.AddReplyAsync(member.TwinSpaceId,
            NewPost(member, thread.Id, thread.DiscussionId, screened, attachments, quoted?.Id, Now), evenIfLocked: viewer.IsModerator,
            cancellationToken).ConfigureAwait(false);
        var reply = result.Outcome switch
        {
            AddReplyOutcome.Added => result.Reply!,
            AddReplyOutcome.ThreadLocked => throw Locked(),
            _ => throw CollabException.NotFound("No such thread in this TwinSpace.").WithKey("Forum_NoThread"),
        };
        await safety.QueueIfHeldAsync(member, reply, screened).ConfigureAwait(false);
        await publisher.PostAsync(member.TwinSpaceId, reply, added: true, cancellationToken).ConfigureAwait(false);
        await notifier.ThreadChangedAsync(member.TwinSpaceId, result.Thread!.View(), deleted: false).ConfigureAwait(false);
        return reply.View(viewer, quoted, false);
    }

    /// <summary>Authors edit their own posts; the previous content goes to the history moderators read.</summary>
    public async Task<ForumPostView> EditAsync(MemberContext member, EditForumPostRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var post = await FindPostAsync(member, request.PostId, cancellationToken).ConfigureAwait(false);
        var viewer = ViewerOf(member);
        if (!PermissionGuard.Allows(member, ResourceRule.EditForumPost, viewer.RelationTo(post))) throw CollabException.Forbidden("Only the author can edit a post.").WithKey("Forum_OnlyAuthorEdits");
        RequireEditable(post);
        var thread = await FindThreadAsync(member, post.ThreadId, cancellationToken).ConfigureAwait(false);
        RequireOpenFor(thread, viewer);
        await safety.RequireNotMutedAsync(member, thread.DiscussionId).ConfigureAwait(false);
        var body = input.Body(request.Body);
        var attachments = request.AttachmentIds is null ? null : input.Attachments(request.AttachmentIds);
        var screened = await safety.ScreenAsync(member, body).ConfigureAwait(false);
        var now = Now;
        var html = richText.Render(screened.Text);
        var updated = await changes.ChangeAsync(member.TwinSpaceId, post.Id, current =>
        {
            RequireEditable(current);
            return current with
            {
                Source = screened.Text, Html = html, AttachmentIds = attachments ?? current.AttachmentIds, EditedAt = now,
                State = screened.Held ? ForumPostState.HeldForReview : current.State,
                ModerationNote = screened.Held ? ScreenedText.HeldNote : current.ModerationNote,
            };
        }, before => new ForumPostRevision
        {
            PostId = before.Id, Source = before.Source, Html = before.Html, EditedAt = now,
            EditedBy = member.AccountId, EditedByName = member.Membership.DisplayName,
        }, cancellationToken).ConfigureAwait(false) ?? throw CollabException.NotFound("No such post in this TwinSpace.").WithKey("Forum_NoPost");
        await safety.QueueIfHeldAsync(member, updated, screened).ConfigureAwait(false);
        await publisher.PostAsync(member.TwinSpaceId, updated, added: false, cancellationToken).ConfigureAwait(false);
        return await ViewAsync(member, viewer, updated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Authors delete their own posts (soft: moderators still see them); moderators any post.</summary>
    public async Task DeleteAsync(MemberContext member, string? postId, CancellationToken cancellationToken = default)
    {
        var post = await FindPostAsync(member, postId, cancellationToken).ConfigureAwait(false);
        var viewer = ViewerOf(member);
        if (!PermissionGuard.Allows(member, ResourceRule.DeleteForumPost, viewer.RelationTo(post))) throw CollabException.Forbidden("Only the author or a moderator can delete a post.").WithKey("Forum_OnlyAuthorOrModeratorDeletes");
        var deletedNow = false;
        var updated = await changes.ChangeAsync(member.TwinSpaceId, post.Id, current =>
        {
            deletedNow = current.State != ForumPostState.Deleted;
            return deletedNow ? current with { State = ForumPostState.Deleted, ModeratedBy = member.AccountId } : current;
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (updated is null || !deletedNow) return;
        if (!viewer.IsAuthorOf(post))
            await safety.AuditAsync(member, ForumAuditActions.PostDeleted, post.Id, $"by {post.AuthorName}").ConfigureAwait(false);
        await publisher.PostAsync(member.TwinSpaceId, updated, added: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One like per member and post; liking twice (or unliking twice) changes nothing.</summary>
    public async Task<ForumPostView> LikeAsync(MemberContext member, string? postId, bool like, CancellationToken cancellationToken = default)
    {
        var post = await FindPostAsync(member, postId, cancellationToken).ConfigureAwait(false);
        var viewer = ViewerOf(member);
        if (post.State != ForumPostState.Visible) throw CollabException.Conflict("Only visible posts can be liked.").WithKey("Forum_OnlyVisibleLiked");
        limits.TakeLike(member.AccountId);
        var (updated, changed) = await store.SetLikeAsync(member.TwinSpaceId, post.Id, member.AccountId, like, Now, cancellationToken)
            .ConfigureAwait(false);
        if (updated is null) throw CollabException.NotFound("No such post in this TwinSpace.").WithKey("Forum_NoPost");
        if (changed)
            await notifier.LikesChangedAsync(new ForumLikesEvent(member.TwinSpaceId, updated.ThreadId, updated.Id, updated.LikeCount, updated.Version))
                .ConfigureAwait(false);
        return updated.View(viewer, null, like);
    }

    /// <summary>Renders Markdown as a post would be rendered, without storing anything (the editor's preview).</summary>
    public string Preview(string? body) => richText.Render(input.Body(body));

    internal async Task<ForumPostView> ViewAsync(MemberContext member, ForumViewer viewer, ForumPost post, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(member, viewer, [post], cancellationToken).ConfigureAwait(false))[0];

    internal static ForumViewer ViewerOf(MemberContext member) =>
        new(member.AccountId, PermissionMatrix.Allows(member.Membership.Role, TwinSpaceAction.ModerateForums));

    internal async Task<ForumThread> FindThreadAsync(MemberContext member, string? threadId, CancellationToken cancellationToken = default)
    {
        var thread = await store.FindThreadAsync(member.TwinSpaceId, Require.Id(threadId, "threadId"), cancellationToken).ConfigureAwait(false);
        if (thread is null || thread.Deleted) throw CollabException.NotFound("No such thread in this TwinSpace.").WithKey("Forum_NoThread");
        // Every post and thread operation passes here: the discussion decides whether its room lets the member in.
        var discussion = await store.FindDiscussionAsync(member.TwinSpaceId, thread.DiscussionId, cancellationToken).ConfigureAwait(false);
        if (discussion is null || !await ShowsAsync(member, discussion, cancellationToken).ConfigureAwait(false))
            throw CollabException.NotFound("No such thread in this TwinSpace.").WithKey("Forum_NoThread");
        return thread;
    }

    internal async Task<ForumPost> FindPostAsync(MemberContext member, string? postId, CancellationToken cancellationToken = default)
    {
        var post = await store.FindPostAsync(member.TwinSpaceId, Require.Id(postId, "postId"), cancellationToken).ConfigureAwait(false);
        if (post is null || !post.IsListedFor(ViewerOf(member))) throw CollabException.NotFound("No such post in this TwinSpace.").WithKey("Forum_NoPost");
        await FindThreadAsync(member, post.ThreadId, cancellationToken).ConfigureAwait(false);
        return post;
    }

    internal async Task<ForumDiscussion> FindDiscussionAsync(MemberContext member, string? discussionId, CancellationToken cancellationToken = default)
    {
        var discussion = await store.FindDiscussionAsync(member.TwinSpaceId, Require.Id(discussionId, "discussionId"), cancellationToken).ConfigureAwait(false);
        return discussion is not null && await ShowsAsync(member, discussion, cancellationToken).ConfigureAwait(false)
            ? discussion
            : throw CollabException.NotFound("No such discussion in this TwinSpace.").WithKey("Forum_NoDiscussion");
    }

    private async ValueTask<bool> ShowsAsync(MemberContext member, ForumDiscussion discussion, CancellationToken cancellationToken) =>
        discussion.RoomId is null || (await rooms.FilterForAsync(member, cancellationToken).ConfigureAwait(false)).ShowsRoom(discussion.RoomId);

    private async Task<List<ForumPostView>> ViewsAsync(
        MemberContext member, ForumViewer viewer, IReadOnlyList<ForumPost> posts, CancellationToken cancellationToken)
    {
        var listed = posts.Where(p => p.IsListedFor(viewer)).ToList();
        var quotedIds = listed.Where(p => p.QuotedPostId is not null).Select(p => p.QuotedPostId!).ToList();
        var quoted = (await store.FindPostsAsync(member.TwinSpaceId, quotedIds, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id);
        var liked = await store.LikedByAsync(member.TwinSpaceId, member.AccountId, listed.Select(p => p.Id).ToList(), cancellationToken)
            .ConfigureAwait(false);
        return listed.Select(p => p.View(viewer, p.QuotedPostId is null ? null : quoted.GetValueOrDefault(p.QuotedPostId), liked.Contains(p.Id)))
            .ToList();
    }

    private async Task<ForumPost> FindQuotableAsync(
        MemberContext member, ForumThread thread, string quotedPostId, ForumViewer viewer, CancellationToken cancellationToken)
    {
        var quoted = await store.FindPostAsync(member.TwinSpaceId, Require.Id(quotedPostId, "quotedPostId"), cancellationToken).ConfigureAwait(false);
        if (quoted is null || quoted.ThreadId != thread.Id || !quoted.IsListedFor(viewer))
            throw CollabException.Invalid("Only a post of the same thread can be quoted.").WithKey("Forum_QuoteSameThread");
        if (quoted.State != ForumPostState.Visible) throw CollabException.Invalid("A hidden or deleted post cannot be quoted.").WithKey("Forum_QuoteHidden");
        return quoted;
    }

    private ForumPost NewPost(MemberContext member, string threadId, string discussionId, ScreenedText screened,
        List<string> attachments, string? quotedPostId, DateTime now) => new()
    {
        Id = Ids.New(), ThreadId = threadId, DiscussionId = discussionId,
        AuthorId = member.AccountId, AuthorName = member.Membership.DisplayName,
        Source = screened.Text, Html = richText.Render(screened.Text),
        QuotedPostId = quotedPostId, AttachmentIds = attachments, CreatedAt = now,
        State = screened.Held ? ForumPostState.HeldForReview : ForumPostState.Visible,
        ModerationNote = screened.Held ? ScreenedText.HeldNote : null,
    };

    // Locked threads refuse writes with conflict, not forbidden: the role is allowed to reply, the thread's state
    // is what refuses, and unlocking makes the same call succeed. Moderators may still write (to close a debate).
    private static void RequireOpenFor(ForumThread thread, ForumViewer viewer)
    {
        if (thread.Locked && !viewer.IsModerator) throw Locked();
    }

    // Judged against the post as stored at each try, so an edit racing a moderator's hide cannot overwrite the hidden post.
    private static void RequireEditable(ForumPost post)
    {
        if (post.State is ForumPostState.Deleted or ForumPostState.Hidden)
            throw CollabException.Conflict("A deleted or hidden post cannot be edited.").WithKey("Forum_EditHidden");
    }

    private static CollabException Locked() => CollabException.Conflict("This thread is locked: it can be read but takes no new posts.").WithKey("Forum_Locked");

    private static string? OptionalId(string? id, string field) => string.IsNullOrEmpty(id) ? null : Require.Id(id, field);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
