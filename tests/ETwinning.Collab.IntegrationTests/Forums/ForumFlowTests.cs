using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Forums;

public sealed class ForumFlowTests(ForumServerFixture fixture) : IClassFixture<ForumServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_thread_and_a_pupils_reply_reach_the_members_viewing_them_live()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Fox");
        var newThreads = new EventRecorder<ForumThreadEvent>();
        var threadChanges = new EventRecorder<ForumThreadEvent>();
        var added = new EventRecorder<ForumPostEvent>();
        forum.FounderHub.ForumThreadCreated += newThreads.Record;
        forum.FounderHub.ForumThreadChanged += threadChanges.Record;
        forum.FounderHub.ForumPostAdded += added.Record;
        await forum.FounderHub.JoinTwinSpaceAsync(forum.Id);
        await forum.FounderHub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id);

        var started = await forum.StartThreadAsync();
        var announced = await newThreads.WaitForAsync(e => e.Thread.Id == started.Thread.Id);
        Assert.Equal("Arguments for a ban", announced.Thread.Title);
        Assert.Equal(forum.Discussion.Id, announced.Thread.DiscussionId);
        await forum.FounderHub.OpenForumThreadAsync(forum.Id, started.Thread.Id);

        var reply = await pupil.Hub.PostForumReplyAsync(forum.Id, started.Thread.Id, "I *agree*: we found 40 bottles on the bank.");

        Assert.Equal(2, reply.Number);
        Assert.Equal("<p>I <em>agree</em>: we found 40 bottles on the bank.</p>", reply.BodyHtml);
        var live = await added.WaitForAsync(e => e.Post.Id == reply.Id);
        Assert.Equal("Fox", live.Post.AuthorName);
        Assert.Equal(reply.BodyHtml, live.Post.BodyHtml);
        Assert.Null(live.Post.Source);
        var activity = await threadChanges.WaitForAsync(e => e.Thread.Id == started.Thread.Id && e.Thread.ReplyCount == 1);
        Assert.Equal(2, activity.Thread.LastPostNumber);
    }

    [Fact]
    public async Task Threads_come_pinned_first_then_by_last_activity_and_posts_in_order_page_by_page()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var first = await forum.StartThreadAsync("First");
        var second = await forum.StartThreadAsync("Second");
        var third = await forum.StartThreadAsync("Third");
        await forum.FounderHub.PostForumReplyAsync(forum.Id, first.Thread.Id, "Bumps the first thread.");
        await forum.FounderHub.PinForumThreadAsync(forum.Id, second.Thread.Id);

        var page = await forum.FounderHub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id, limit: 2);
        Assert.Equal(3, page.TotalThreads);
        Assert.Equal(["Second", "First"], page.Threads.Select(t => t.Title));
        Assert.True(page.Threads[0].Pinned);
        var next = await forum.FounderHub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id, offset: 2, limit: 2);
        Assert.Equal(third.Thread.Id, Assert.Single(next.Threads).Id);

        for (var i = 1; i <= 4; i++) await forum.PartnerHub.PostForumReplyAsync(forum.Id, third.Thread.Id, $"Reply {i}");
        var posts = await forum.FounderHub.OpenForumThreadAsync(forum.Id, third.Thread.Id, limit: 3);
        Assert.Equal([1, 2, 3], posts.Posts.Select(p => p.Number));
        Assert.True(posts.HasMore);
        var rest = await forum.FounderHub.OpenForumThreadAsync(forum.Id, third.Thread.Id, afterNumber: 3, limit: 3);
        Assert.Equal(["<p>Reply 3</p>", "<p>Reply 4</p>"], rest.Posts.Select(p => p.BodyHtml));
        Assert.False(rest.HasMore);
    }

    [Fact]
    public async Task Unread_counts_and_new_since_the_last_visit_are_per_member()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Owl");
        var thread = (await forum.StartThreadAsync()).Thread;

        var before = await pupil.Hub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id);
        var neverOpened = Assert.Single(before.Threads);
        Assert.Equal(0, neverOpened.LastReadNumber);
        Assert.Equal(1, neverOpened.UnreadCount);

        var firstVisit = await pupil.Hub.OpenForumThreadAsync(forum.Id, thread.Id);
        Assert.Equal(0, firstVisit.Thread.LastReadNumber);
        await forum.PartnerHub.PostForumReplyAsync(forum.Id, thread.Id, "New one");
        await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "Another new one");
        await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "My own reply does not count as unread");

        var listed = Assert.Single((await pupil.Hub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id)).Threads);
        Assert.Equal(1, listed.LastReadNumber);
        Assert.Equal(2, listed.UnreadCount);
        var secondVisit = await pupil.Hub.OpenForumThreadAsync(forum.Id, thread.Id);
        Assert.Equal(1, secondVisit.Thread.LastReadNumber);
        Assert.Equal(["New one", "Another new one", "My own reply does not count as unread"],
            secondVisit.Posts.Where(p => p.Number > secondVisit.Thread.LastReadNumber).Select(p => p.Source ?? StripParagraph(p.BodyHtml)));
        Assert.Equal(0, Assert.Single((await pupil.Hub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id)).Threads).UnreadCount);
        // The founder never opened the thread: everything others wrote is unread for them.
        Assert.Equal(3, Assert.Single((await forum.FounderHub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id)).Threads).UnreadCount);
    }

    [Fact]
    public async Task A_quote_shows_the_quoted_post_until_a_moderator_hides_it()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Seal");
        var thread = (await forum.StartThreadAsync()).Thread;
        var original = await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "Tap water is tested **every day**.");

        var quoting = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Is that true everywhere?", quotedPostId: original.Id);

        Assert.Equal(original.Id, quoting.Quote!.PostId);
        Assert.Equal("<p>Tap water is tested <strong>every day</strong>.</p>", quoting.Quote.BodyHtml);
        Assert.Equal(original.AuthorName, quoting.Quote.AuthorName);
        await forum.PartnerHub.HideForumPostAsync(forum.Id, original.Id, "Off topic");
        var reread = (await pupil.Hub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts.Single(p => p.Id == quoting.Id);
        Assert.Equal("", reread.Quote!.BodyHtml);
        Assert.Equal(original.Number, reread.Quote.Number);

        var otherThread = (await forum.StartThreadAsync("Elsewhere")).Thread;
        var crossQuote = await Assert.ThrowsAsync<Client.CollabHubException>(
            () => pupil.Hub.PostForumReplyAsync(forum.Id, otherThread.Id, "Quoting across threads", quotedPostId: quoting.Id));
        Assert.Equal("invalid", crossQuote.Code);
    }

    [Fact]
    public async Task Likes_count_once_per_member_and_reach_viewers_live()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Lynx");
        var started = await forum.StartThreadAsync();
        var opening = Assert.Single(started.Posts);
        var likes = new EventRecorder<ForumLikesEvent>();
        forum.PartnerHub.ForumLikesChanged += likes.Record;
        await forum.PartnerHub.OpenForumThreadAsync(forum.Id, started.Thread.Id);

        var liked = await pupil.Hub.LikeForumPostAsync(forum.Id, opening.Id);
        var again = await pupil.Hub.LikeForumPostAsync(forum.Id, opening.Id);
        await forum.FounderHub.LikeForumPostAsync(forum.Id, opening.Id);

        Assert.True(liked.LikedByMe);
        Assert.Equal(1, liked.LikeCount);
        Assert.Equal(1, again.LikeCount);
        await likes.WaitForAsync(e => e.PostId == opening.Id && e.LikeCount == 2);
        Assert.Equal(2, likes.Seen.Count);
        var unliked = await pupil.Hub.LikeForumPostAsync(forum.Id, opening.Id, like: false);
        Assert.Equal(1, unliked.LikeCount);
        Assert.False(unliked.LikedByMe);
        var seenByFounder = (await forum.FounderHub.OpenForumThreadAsync(forum.Id, started.Thread.Id)).Posts[0];
        Assert.True(seenByFounder.LikedByMe);
        Assert.Equal(1, seenByFounder.LikeCount);
    }

    [Fact]
    public async Task Edits_keep_a_history_that_moderators_read_and_authors_alone_may_edit()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Crab");
        var thread = (await forum.StartThreadAsync()).Thread;
        var changed = new EventRecorder<ForumPostEvent>();
        forum.FounderHub.ForumPostChanged += changed.Record;
        await forum.FounderHub.OpenForumThreadAsync(forum.Id, thread.Id);
        var reply = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Bottled water is silly.");

        var edited = await pupil.Hub.EditForumPostAsync(forum.Id, reply.Id, "Bottled water costs **more** than tap water.");

        Assert.Equal("<p>Bottled water costs <strong>more</strong> than tap water.</p>", edited.BodyHtml);
        Assert.NotNull(edited.EditedAt);
        var live = await changed.WaitForAsync(e => e.Post.Id == reply.Id);
        Assert.Equal(edited.BodyHtml, live.Post.BodyHtml);
        var history = await forum.PartnerHub.GetForumPostHistoryAsync(forum.Id, reply.Id);
        Assert.Equal("Bottled water is silly.", Assert.Single(history).Source);
        var pupilReadsHistory = await Assert.ThrowsAsync<Client.CollabHubException>(() => pupil.Hub.GetForumPostHistoryAsync(forum.Id, reply.Id));
        Assert.Equal("forbidden", pupilReadsHistory.Code);
        var teacherEditsPupil = await Assert.ThrowsAsync<Client.CollabHubException>(
            () => forum.PartnerHub.EditForumPostAsync(forum.Id, reply.Id, "Rewritten by someone else"));
        Assert.Equal("forbidden", teacherEditsPupil.Code);
    }

    [Fact]
    public async Task A_deleted_post_leaves_a_placeholder_for_members_and_stays_readable_for_moderators()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Wren");
        var other = await forum.TwinSpace.AddPupilAsync("Hare");
        var thread = (await forum.StartThreadAsync()).Thread;
        var reply = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Oops, wrong thread.");

        var notMine = await Assert.ThrowsAsync<Client.CollabHubException>(() => other.Hub.DeleteForumPostAsync(forum.Id, reply.Id));
        Assert.Equal("forbidden", notMine.Code);
        await pupil.Hub.DeleteForumPostAsync(forum.Id, reply.Id);

        var forOthers = (await other.Hub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts.Single(p => p.Id == reply.Id);
        Assert.Equal(ForumPostState.Deleted, forOthers.State);
        Assert.Equal("", forOthers.BodyHtml);
        var forModerator = (await forum.PartnerHub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts.Single(p => p.Id == reply.Id);
        Assert.Equal("<p>Oops, wrong thread.</p>", forModerator.BodyHtml);
    }

    [Fact]
    public async Task Attachments_reference_materials_by_id_and_a_preview_renders_without_storing()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var thread = (await forum.StartThreadAsync()).Thread;
        var materialId = Guid.NewGuid().ToString("N");

        var reply = await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "Our photos of the river.", attachmentIds: [materialId, materialId]);
        Assert.Equal([materialId], reply.AttachmentIds);
        var path = await Assert.ThrowsAsync<Client.CollabHubException>(
            () => forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "x", attachmentIds: ["../../etc/passwd"]));
        Assert.Equal("invalid", path.Code);

        var preview = await forum.FounderHub.PreviewForumPostAsync(forum.Id, "**Draft** <script>alert(1)</script>");
        Assert.Equal("<p><strong>Draft</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>", preview);
        Assert.Equal(2, (await forum.FounderHub.OpenForumThreadAsync(forum.Id, thread.Id)).Thread.LastPostNumber);
    }

    [Fact]
    public async Task A_client_that_missed_events_catches_up_by_version()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var started = await forum.StartThreadAsync();
        var seen = started.Thread.Version;
        var reply = await forum.FounderHub.PostForumReplyAsync(forum.Id, started.Thread.Id, "While you were away");
        await forum.FounderHub.LikeForumPostAsync(forum.Id, started.Posts[0].Id);

        var changes = await forum.PartnerHub.GetForumThreadChangesAsync(forum.Id, started.Thread.Id, seen);

        Assert.Equal([reply.Id, started.Posts[0].Id], changes.Posts.Select(p => p.Id));
        Assert.Equal(1, changes.Posts[1].LikeCount);
        Assert.False(changes.HasMore);
        Assert.Empty((await forum.PartnerHub.GetForumThreadChangesAsync(forum.Id, started.Thread.Id, changes.Version)).Posts);
    }

    [Fact]
    public async Task Rooms_get_their_own_discussions()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var roomId = (await forum.FounderHub.CreateRoomAsync(forum.Id, "Room 1")).Id;

        var roomDiscussion = await forum.FounderHub.CreateForumDiscussionAsync(forum.Id, "Room 1 planning", roomId: roomId);

        Assert.Equal(roomId, roomDiscussion.RoomId);
        Assert.Equal([roomDiscussion.Id], (await forum.FounderHub.ListForumDiscussionsAsync(forum.Id, roomId)).Select(d => d.Id));
        Assert.Equal([forum.Discussion.Id], (await forum.FounderHub.ListForumDiscussionsAsync(forum.Id)).Select(d => d.Id));
    }

    private static string StripParagraph(string html) => html.Replace("<p>", "", StringComparison.Ordinal).Replace("</p>", "", StringComparison.Ordinal);
}
