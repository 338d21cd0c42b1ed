using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.RichText;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Discussions, threads and replies: reading (paging, unread counts, read markers), writing (Markdown rendered
/// to sanitized HTML once, on write), editing with history, likes. Callers arrive checked against the permission
/// matrix; what remains here are rules about the target (author, lock, same thread). Moderation actions are in
/// <see cref="ForumModerationService"/>.
/// </summary>
public sealed class ForumService(
    IForumStore store, IForumNotifier notifier, ForumPublisher publisher, RichTextRenderer richText, ForumInput input,
    ForumRateLimits limits, ForumSafety safety, TimeProvider clock)
{
    public IReadOnlyList<ForumDiscussionView> Discussions(MemberContext member, string? roomId) =>
        store.Discussions(member.TwinSpaceId, OptionalId(roomId, "roomId")).Select(d => d.View()).ToList();

    public async Task<ForumDiscussionView> CreateDiscussionAsync(MemberContext member, CreateForumDiscussionRequest request)
    {
        Require.NotNull(request, "request");
        var description = input.Description(request.Description);
        if (description.Length > 0) description = safety.ScreenTitle(member, description);
        var discussion = new ForumDiscussion
        {
            Id = Ids.New(),
            RoomId = OptionalId(request.RoomId, "roomId"),
            Title = safety.ScreenTitle(member, input.Title(request.Title)),
            DescriptionSource = description,
            DescriptionHtml = description.Length == 0 ? "" : richText.Render(description),
            CreatedBy = member.AccountId,
            CreatedByName = member.Membership.DisplayName,
            CreatedAt = Now,
            LastActivityAt = Now,
        };
        await store.AddDiscussionAsync(member.TwinSpaceId, discussion).ConfigureAwait(false);
        await safety.AuditAsync(member, ForumAuditActions.DiscussionCreated, discussion.Id, discussion.Title).ConfigureAwait(false);
        var view = discussion.View();
        await notifier.DiscussionCreatedAsync(member.TwinSpaceId, view).ConfigureAwait(false);
        return view;
    }

    public ForumDiscussionPage OpenDiscussion(MemberContext member, string? discussionId, ForumThreadQuery? query)
    {
        var discussion = FindDiscussion(member, discussionId);
        var (offset, limit) = input.ThreadPage(query?.Offset, query?.Limit);
        var threads = store.Threads(member.TwinSpaceId, discussion.Id, offset, limit);
        var markers = store.ReadMarkers(member.TwinSpaceId, member.AccountId, threads.Select(t => t.Id).ToList());
        var views = threads.Select(t =>
        {
            var lastRead = markers.GetValueOrDefault(t.Id);
            return t.View(lastRead, store.CountVisiblePostsAfter(member.TwinSpaceId, t.Id, lastRead, member.AccountId));
        }).ToList();
        return new ForumDiscussionPage(discussion.View(), views, store.CountThreads(member.TwinSpaceId, discussion.Id), offset);
    }

    public async Task<ForumThreadPage> CreateThreadAsync(MemberContext member, CreateForumThreadRequest request)
    {
        Require.NotNull(request, "request");
        var discussion = FindDiscussion(member, request.DiscussionId);
        safety.RequireNotMuted(member, discussion.Id);
        var body = input.Body(request.Body);
        var attachments = input.Attachments(request.AttachmentIds);
        var title = safety.ScreenTitle(member, input.Title(request.Title));
        var screened = safety.Screen(member, body);
        limits.TakePost(member.AccountId);
        var now = Now;
        var thread = new ForumThread
        {
            Id = Ids.New(), DiscussionId = discussion.Id, Title = title,
            AuthorId = member.AccountId, AuthorName = member.Membership.DisplayName, CreatedAt = now,
        };
        var (stored, opening) = await store.AddThreadAsync(member.TwinSpaceId, thread,
            NewPost(member, thread.Id, discussion.Id, screened, attachments, null, now)).ConfigureAwait(false);
        await safety.QueueIfHeldAsync(member, opening, screened).ConfigureAwait(false);
        await notifier.ThreadCreatedAsync(member.TwinSpaceId, stored.View()).ConfigureAwait(false);
        var viewer = ViewerOf(member);
        return new ForumThreadPage(FindDiscussion(member, discussion.Id).View(), stored.View(1, 0), [opening.View(viewer, null, false)], false);
    }

    /// <summary>
    /// A page of posts. The thread view tells where the member had read up to before this visit ("new since your
    /// last visit"); then the marker moves to the last post returned. Archived TwinSpaces keep their markers as they are.
    /// </summary>
    public async Task<ForumThreadPage> OpenThreadAsync(MemberContext member, string? threadId, ForumPostQuery? query)
    {
        var thread = FindThread(member, threadId);
        var discussion = FindDiscussion(member, thread.DiscussionId);
        var viewer = ViewerOf(member);
        var limit = input.PostLimit(query?.Limit);
        var posts = store.Posts(member.TwinSpaceId, thread.Id, Math.Max(0, query?.AfterNumber ?? 0), limit + 1);
        var hasMore = posts.Count > limit;
        var page = posts.Take(limit).ToList();
        var lastRead = store.ReadMarkers(member.TwinSpaceId, member.AccountId, [thread.Id]).GetValueOrDefault(thread.Id);
        var unread = store.CountVisiblePostsAfter(member.TwinSpaceId, thread.Id, lastRead, member.AccountId);
        var views = Views(member, viewer, page);
        if (page.Count > 0 && page[^1].Number > lastRead && member.TwinSpace.State == TwinSpaceState.Open)
            await store.MarkReadAsync(member.TwinSpaceId, thread.Id, member.AccountId, page[^1].Number, Now).ConfigureAwait(false);
        return new ForumThreadPage(discussion.View(), thread.View(lastRead, unread), views, hasMore);
    }

    /// <summary>What changed in a thread after <paramref name="sinceVersion"/>: how a client catches up after missing events.</summary>
    public ForumThreadChanges ThreadChanges(MemberContext member, string? threadId, long sinceVersion)
    {
        var thread = FindThread(member, threadId);
        var limit = input.Options.MaxPostPageSize;
        var changed = store.PostsChangedSince(member.TwinSpaceId, thread.Id, Math.Max(0, sinceVersion), limit + 1);
        var page = changed.Take(limit).ToList();
        var hasMore = changed.Count > limit;
        // The thread was read before the posts, so posts may be newer than its version: the next "since" is the
        // highest version actually returned (a later change then comes again, which clients apply idempotently).
        var pageVersion = page.Count > 0 ? page[^1].Version : 0;
        var version = hasMore ? pageVersion : Math.Max(Math.Max(thread.Version, pageVersion), sinceVersion);
        return new ForumThreadChanges(thread.View(), Views(member, ViewerOf(member), page), version, hasMore);
    }

    public async Task MarkThreadReadAsync(MemberContext member, string? threadId, int number)
    {
        var thread = FindThread(member, threadId);
        if (member.TwinSpace.State != TwinSpaceState.Open) return;
        await store.MarkReadAsync(member.TwinSpaceId, thread.Id, member.AccountId, Math.Clamp(number, 0, thread.LastNumber), Now)
            .ConfigureAwait(false);
    }

    public async Task<ForumPostView> ReplyAsync(MemberContext member, PostForumReplyRequest request)
    {
        Require.NotNull(request, "request");
        var thread = FindThread(member, request.ThreadId);
        safety.RequireNotMuted(member, thread.DiscussionId);
        var body = input.Body(request.Body);
        var attachments = input.Attachments(request.AttachmentIds);
        var viewer = ViewerOf(member);
        var quoted = request.QuotedPostId is null ? null : FindQuotable(member, thread, request.QuotedPostId, viewer);
        RequireOpenFor(thread, viewer);
        var screened = safety.Screen(member, body);
        limits.TakePost(member.AccountId);
        var result = await store.AddReplyAsync(member.TwinSpaceId,
            NewPost(member, thread.Id, thread.DiscussionId, screened, attachments, quoted?.Id, Now), evenIfLocked: viewer.IsModerator).ConfigureAwait(false);
        var reply = result.Outcome switch
        {
            AddReplyOutcome.Added => result.Reply!,
            AddReplyOutcome.ThreadLocked => throw Locked(),
            _ => throw CollabException.NotFound("No such thread in this TwinSpace."),
        };
        await safety.QueueIfHeldAsync(member, reply, screened).ConfigureAwait(false);
        await publisher.PostAsync(member.TwinSpaceId, reply, added: true).ConfigureAwait(false);
        await notifier.ThreadChangedAsync(member.TwinSpaceId, result.Thread!.View(), deleted: false).ConfigureAwait(false);
        return reply.View(viewer, quoted, false);
    }

    /// <summary>Authors edit their own posts; the previous content goes to the history moderators read.</summary>
    public async Task<ForumPostView> EditAsync(MemberContext member, EditForumPostRequest request)
    {
        Require.NotNull(request, "request");
        var post = FindPost(member, request.PostId);
        var viewer = ViewerOf(member);
        if (!PermissionGuard.Allows(member, ResourceRule.EditForumPost, viewer.RelationTo(post))) throw CollabException.Forbidden("Only the author can edit a post.");
        if (post.State is ForumPostState.Deleted or ForumPostState.Hidden)
            throw CollabException.Conflict("A deleted or hidden post cannot be edited.");
        var thread = FindThread(member, post.ThreadId);
        RequireOpenFor(thread, viewer);
        safety.RequireNotMuted(member, thread.DiscussionId);
        var body = input.Body(request.Body);
        var attachments = request.AttachmentIds is null ? post.AttachmentIds : input.Attachments(request.AttachmentIds);
        var screened = safety.Screen(member, body);
        var now = Now;
        var revision = new ForumPostRevision
        {
            PostId = post.Id, Source = post.Source, Html = post.Html, EditedAt = now,
            EditedBy = member.AccountId, EditedByName = member.Membership.DisplayName,
        };
        var html = richText.Render(screened.Text);
        var updated = await store.UpdatePostAsync(member.TwinSpaceId, post.Id, p => p with
        {
            Source = screened.Text, Html = html, AttachmentIds = attachments, EditedAt = now,
            State = screened.Held ? ForumPostState.HeldForReview : p.State,
            ModerationNote = screened.Held ? ScreenedText.HeldNote : p.ModerationNote,
        }, revision).ConfigureAwait(false) ?? throw CollabException.NotFound("No such post in this TwinSpace.");
        await safety.QueueIfHeldAsync(member, updated, screened).ConfigureAwait(false);
        await publisher.PostAsync(member.TwinSpaceId, updated, added: false).ConfigureAwait(false);
        return View(member, viewer, updated);
    }

    /// <summary>Authors delete their own posts (soft: moderators still see them); moderators any post.</summary>
    public async Task DeleteAsync(MemberContext member, string? postId)
    {
        var post = FindPost(member, postId);
        var viewer = ViewerOf(member);
        if (!PermissionGuard.Allows(member, ResourceRule.DeleteForumPost, viewer.RelationTo(post))) throw CollabException.Forbidden("Only the author or a moderator can delete a post.");
        if (post.State == ForumPostState.Deleted) return;
        var updated = await store.UpdatePostAsync(member.TwinSpaceId, post.Id,
            p => p with { State = ForumPostState.Deleted, ModeratedBy = member.AccountId }, null).ConfigureAwait(false);
        if (!viewer.IsAuthorOf(post))
            await safety.AuditAsync(member, ForumAuditActions.PostDeleted, post.Id, $"by {post.AuthorName}").ConfigureAwait(false);
        await publisher.PostAsync(member.TwinSpaceId, updated!, added: false).ConfigureAwait(false);
    }

    /// <summary>One like per member and post; liking twice (or unliking twice) changes nothing.</summary>
    public async Task<ForumPostView> LikeAsync(MemberContext member, string? postId, bool like)
    {
        var post = FindPost(member, postId);
        var viewer = ViewerOf(member);
        if (post.State != ForumPostState.Visible) throw CollabException.Conflict("Only visible posts can be liked.");
        limits.TakeLike(member.AccountId);
        var (updated, changed) = await store.SetLikeAsync(member.TwinSpaceId, post.Id, member.AccountId, like, Now).ConfigureAwait(false);
        if (updated is null) throw CollabException.NotFound("No such post in this TwinSpace.");
        if (changed)
            await notifier.LikesChangedAsync(new ForumLikesEvent(member.TwinSpaceId, updated.ThreadId, updated.Id, updated.LikeCount, updated.Version))
                .ConfigureAwait(false);
        return updated.View(viewer, null, like);
    }

    /// <summary>Renders Markdown as a post would be rendered, without storing anything (the editor's preview).</summary>
    public string Preview(string? body) => richText.Render(input.Body(body));

    internal ForumPostView View(MemberContext member, ForumViewer viewer, ForumPost post) => Views(member, viewer, [post])[0];

    internal static ForumViewer ViewerOf(MemberContext member) =>
        new(member.AccountId, PermissionMatrix.Allows(member.Membership.Role, TwinSpaceAction.ModerateForums));

    internal ForumThread FindThread(MemberContext member, string? threadId)
    {
        var thread = store.FindThread(member.TwinSpaceId, Require.Id(threadId, "threadId"));
        return thread is null || thread.Deleted ? throw CollabException.NotFound("No such thread in this TwinSpace.") : thread;
    }

    internal ForumPost FindPost(MemberContext member, string? postId)
    {
        var post = store.FindPost(member.TwinSpaceId, Require.Id(postId, "postId"));
        if (post is null || !post.IsListedFor(ViewerOf(member))) throw CollabException.NotFound("No such post in this TwinSpace.");
        FindThread(member, post.ThreadId);
        return post;
    }

    private List<ForumPostView> Views(MemberContext member, ForumViewer viewer, IReadOnlyList<ForumPost> posts)
    {
        var listed = posts.Where(p => p.IsListedFor(viewer)).ToList();
        var quotedIds = listed.Where(p => p.QuotedPostId is not null).Select(p => p.QuotedPostId!).ToList();
        var quoted = store.FindPosts(member.TwinSpaceId, quotedIds).ToDictionary(p => p.Id);
        var liked = store.LikedBy(member.TwinSpaceId, member.AccountId, listed.Select(p => p.Id).ToList());
        return listed.Select(p => p.View(viewer, p.QuotedPostId is null ? null : quoted.GetValueOrDefault(p.QuotedPostId), liked.Contains(p.Id)))
            .ToList();
    }

    private ForumPost FindQuotable(MemberContext member, ForumThread thread, string quotedPostId, ForumViewer viewer)
    {
        var quoted = store.FindPost(member.TwinSpaceId, Require.Id(quotedPostId, "quotedPostId"));
        if (quoted is null || quoted.ThreadId != thread.Id || !quoted.IsListedFor(viewer))
            throw CollabException.Invalid("Only a post of the same thread can be quoted.");
        if (quoted.State != ForumPostState.Visible) throw CollabException.Invalid("A hidden or deleted post cannot be quoted.");
        return quoted;
    }

    internal ForumDiscussion FindDiscussion(MemberContext member, string? discussionId) =>
        store.FindDiscussion(member.TwinSpaceId, Require.Id(discussionId, "discussionId"))
            ?? throw CollabException.NotFound("No such discussion in this TwinSpace.");

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

    private static CollabException Locked() => CollabException.Conflict("This thread is locked: it can be read but takes no new posts.");

    private static string? OptionalId(string? id, string field) => string.IsNullOrEmpty(id) ? null : Require.Id(id, field);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
