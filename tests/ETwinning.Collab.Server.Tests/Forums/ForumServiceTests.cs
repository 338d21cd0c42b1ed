using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Tests.Forums;

public sealed class ForumServiceTests
{
    [Fact]
    public async Task Replies_posted_at_the_same_time_get_distinct_consecutive_numbers_and_versions()
    {
        await using var forum = new ForumHarness();
        var thread = (await forum.ThreadAsync()).Thread;

        var replies = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            forum.Forums.ReplyAsync(ForumHarness.Member($"pupil{i}", TwinSpaceRole.Pupil), new PostForumReplyRequest(thread.Id, $"Reply {i}", null, null))));

        Assert.Equal(Enumerable.Range(2, 25), replies.Select(r => r.Number).Order());
        Assert.Equal(25, replies.Select(r => r.Version).Distinct().Count());
        var stored = (await forum.Store.FindThreadAsync(ForumHarness.TwinSpaceId, thread.Id))!;
        Assert.Equal(26, stored.LastNumber);
        Assert.Equal(25, stored.ReplyCount);
    }

    [Fact]
    public async Task A_locked_thread_refuses_members_with_conflict_but_lets_moderators_write()
    {
        await using var forum = new ForumHarness();
        var thread = (await forum.ThreadAsync()).Thread;
        await forum.Moderation.SetLockedAsync(ForumHarness.Teacher, thread.Id, true);

        var refused = await Assert.ThrowsAsync<CollabException>(
            () => forum.Forums.ReplyAsync(ForumHarness.Pupil, new PostForumReplyRequest(thread.Id, "Hello", null, null)));
        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        var summary = await forum.Forums.ReplyAsync(ForumHarness.Teacher, new PostForumReplyRequest(thread.Id, "Closing summary", null, null));
        Assert.Equal(2, summary.Number);
    }

    [Fact]
    public async Task A_held_post_whose_review_item_was_never_written_reaches_the_queue()
    {
        await using var forum = new ForumHarness();
        var thread = (await forum.ThreadAsync()).Thread;
        var reply = await forum.Forums.ReplyAsync(ForumHarness.Pupil, new PostForumReplyRequest(thread.Id, "Meet me at the station", null, null));
        // What a crash between the two writes leaves: the post stored as held five minutes ago, no review item.
        var post = (await forum.Store.FindPostAsync(ForumHarness.TwinSpaceId, reply.Id))!;
        Assert.NotNull(await forum.Store.TryReplacePostAsync(ForumHarness.TwinSpaceId,
            post with { State = ForumPostState.HeldForReview, EditedAt = DateTime.UtcNow.AddMinutes(-5) }, post.Version));

        var item = Assert.Single(await forum.Moderation.ReviewQueueAsync(ForumHarness.Teacher, openOnly: true, limit: null));

        Assert.Equal(reply.Id, item.ContentId);
        Assert.Equal("Meet me at the station", item.Excerpt);
        Assert.Single(await forum.Moderation.ReviewQueueAsync(ForumHarness.Teacher, openOnly: true, limit: null));
    }

    [Fact]
    public async Task A_held_post_is_told_only_to_its_author_and_published_to_the_thread_on_approval()
    {
        await using var forum = new ForumHarness();
        await forum.ModerationStore.SetWordListAsync(ForumHarness.TwinSpaceId, [new WordFilterRule("secret", WordFilterAction.HoldForReview)]);
        var thread = (await forum.ThreadAsync()).Thread;

        var held = await forum.Forums.ReplyAsync(ForumHarness.Pupil, new PostForumReplyRequest(thread.Id, "My secret plan", null, null));

        Assert.Equal(ForumPostState.HeldForReview, held.State);
        Assert.Equal(ScreenedText.HeldNote, held.ModerationNote);
        Assert.Contains(forum.Notifier.PostsFor("pupil"), p => p.Id == held.Id);
        Assert.DoesNotContain(forum.Notifier.PostsFor("thread"), p => p.Id == held.Id);
        var item = Assert.Single(await forum.Moderation.ReviewQueueAsync(ForumHarness.Teacher, openOnly: true, limit: null));

        await forum.Moderation.ResolveReviewAsync(ForumHarness.Teacher, item.Id, ReviewDecision.Approve, null);

        var published = Assert.Single(forum.Notifier.PostsFor("thread"), p => p.Id == held.Id);
        Assert.Equal(ForumPostState.Visible, published.State);
        Assert.Equal("<p>My secret plan</p>", published.BodyHtml);
    }

    [Fact]
    public async Task Read_markers_only_move_forward_and_stay_put_in_an_archived_TwinSpace()
    {
        await using var forum = new ForumHarness();
        var thread = (await forum.ThreadAsync()).Thread;
        for (var i = 0; i < 3; i++)
            await forum.Forums.ReplyAsync(ForumHarness.Teacher, new PostForumReplyRequest(thread.Id, $"Reply {i}", null, null));

        await forum.Forums.MarkThreadReadAsync(ForumHarness.Pupil, thread.Id, 3);
        await forum.Forums.MarkThreadReadAsync(ForumHarness.Pupil, thread.Id, 1);
        await forum.Forums.MarkThreadReadAsync(ForumHarness.Pupil, thread.Id, 99);
        Assert.Equal(4, (await forum.Store.ReadMarkersAsync(ForumHarness.TwinSpaceId, "pupil", [thread.Id]))[thread.Id]);

        var archivedPupil = ForumHarness.Member("reader", TwinSpaceRole.Pupil, TwinSpaceState.Archived);
        var page = await forum.Forums.OpenThreadAsync(archivedPupil, thread.Id, null);
        Assert.Equal(4, page.Posts.Count);
        Assert.Empty(await forum.Store.ReadMarkersAsync(ForumHarness.TwinSpaceId, "reader", [thread.Id]));
    }

    [Fact]
    public async Task Deleting_a_thread_removes_it_from_lists_and_refuses_replies()
    {
        await using var forum = new ForumHarness();
        var started = await forum.ThreadAsync();
        var discussionId = started.Discussion.Id;

        await forum.Moderation.DeleteThreadAsync(ForumHarness.Teacher, started.Thread.Id);

        var page = await forum.Forums.OpenDiscussionAsync(ForumHarness.Pupil, discussionId, null);
        Assert.Empty(page.Threads);
        Assert.Equal(0, page.Discussion.ThreadCount);
        var reply = await Assert.ThrowsAsync<CollabException>(
            () => forum.Forums.ReplyAsync(ForumHarness.Pupil, new PostForumReplyRequest(started.Thread.Id, "Hello", null, null)));
        Assert.Equal(ErrorCodes.NotFound, reply.Code);
        Assert.Contains(await forum.Audit.ReadAsync(ForumHarness.TwinSpaceId, null, 10), e => e.Action == ForumAuditActions.ThreadDeleted);
    }

    [Fact]
    public async Task An_edit_that_the_word_filter_holds_takes_the_old_content_away_from_viewers_and_keeps_it_in_the_history()
    {
        await using var forum = new ForumHarness();
        await forum.ModerationStore.SetWordListAsync(ForumHarness.TwinSpaceId, [new WordFilterRule("secret", WordFilterAction.HoldForReview)]);
        var thread = (await forum.ThreadAsync()).Thread;
        var reply = await forum.Forums.ReplyAsync(ForumHarness.Pupil, new PostForumReplyRequest(thread.Id, "Harmless", null, null));

        var edited = await forum.Forums.EditAsync(ForumHarness.Pupil, new EditForumPostRequest(reply.Id, "Now with a secret", null));

        Assert.Equal(ForumPostState.HeldForReview, edited.State);
        var broadcast = forum.Notifier.PostsFor("thread").Last(p => p.Id == reply.Id);
        Assert.Equal(ForumPostState.HeldForReview, broadcast.State);
        Assert.Equal("", broadcast.BodyHtml);
        Assert.Equal("Harmless", Assert.Single(await forum.Moderation.HistoryAsync(ForumHarness.Teacher, reply.Id)).Source);
        Assert.Single(await forum.Moderation.ReviewQueueAsync(ForumHarness.Teacher, openOnly: true, limit: null));
    }
}
