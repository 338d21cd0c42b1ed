using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Forums;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Forums;

/// <summary>The "bad input" list of the forums issue: each gets a clear error code and leaves nothing unsafe behind.</summary>
public sealed class ForumBadInputTests(ForumServerFixture fixture) : IClassFixture<ForumServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Pupils_cannot_create_threads_or_discussions_but_pupil_administrators_can_start_threads()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Fox");
        var pupilAdmin = await forum.TwinSpace.AddPupilAsync("Owl", administrator: true);
        var (_, observerHub) = await forum.TwinSpace.AddTeacherAsync(TwinSpaceRole.Observer, "FR");

        var thread = await Assert.ThrowsAsync<CollabHubException>(
            () => pupil.Hub.CreateForumThreadAsync(forum.Id, forum.Discussion.Id, "My thread", "Hello"));
        Assert.Equal("forbidden", thread.Code);
        var discussion = await Assert.ThrowsAsync<CollabHubException>(() => pupilAdmin.Hub.CreateForumDiscussionAsync(forum.Id, "Mine"));
        Assert.Equal("forbidden", discussion.Code);
        var teacherDiscussion = await Assert.ThrowsAsync<CollabHubException>(() => forum.PartnerHub.CreateForumDiscussionAsync(forum.Id, "Mine"));
        Assert.Equal("forbidden", teacherDiscussion.Code);
        var observerThread = await Assert.ThrowsAsync<CollabHubException>(
            () => observerHub.CreateForumThreadAsync(forum.Id, forum.Discussion.Id, "Observer thread", "Hello"));
        Assert.Equal("forbidden", observerThread.Code);

        var adminThread = await pupilAdmin.Hub.CreateForumThreadAsync(forum.Id, forum.Discussion.Id, "Our class vote", "Vote with a like!");
        Assert.Equal("Owl", adminThread.Thread.AuthorName);
        // Everyone replies, observers included.
        Assert.Equal(2, (await observerHub.PostForumReplyAsync(forum.Id, adminThread.Thread.Id, "Greetings from France")).Number);
        Assert.Equal(3, (await pupil.Hub.PostForumReplyAsync(forum.Id, adminThread.Thread.Id, "Me too")).Number);
        Assert.Equal(1, (await pupil.Hub.OpenForumDiscussionAsync(forum.Id, forum.Discussion.Id)).TotalThreads);
    }

    [Fact]
    public async Task Oversized_empty_and_malformed_posts_are_refused_with_clear_codes()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var thread = (await forum.StartThreadAsync()).Thread;

        var tooLong = await Assert.ThrowsAsync<CollabHubException>(() => forum.FounderHub.PostForumReplyAsync(
            forum.Id, thread.Id, new string('a', ForumServerFixture.MaxPostCharacters + 1)));
        Assert.Equal("too_large", tooLong.Code);
        // Within the character limit (2,000) but over the byte limit (4,000): 1,990 euro signs are 5,970 UTF-8 bytes.
        var tooManyBytes = await Assert.ThrowsAsync<CollabHubException>(() => forum.FounderHub.PostForumReplyAsync(
            forum.Id, thread.Id, new string('€', 1_990)));
        Assert.Equal("too_large", tooManyBytes.Code);
        var empty = await Assert.ThrowsAsync<CollabHubException>(() => forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "  \n "));
        Assert.Equal("invalid", empty.Code);
        var longTitle = await Assert.ThrowsAsync<CollabHubException>(
            () => forum.PartnerHub.CreateForumThreadAsync(forum.Id, forum.Discussion.Id, new string('t', 151), "Body"));
        Assert.Equal("invalid", longTitle.Code);
        var badId = await Assert.ThrowsAsync<CollabHubException>(() => forum.FounderHub.PostForumReplyAsync(forum.Id, "../x", "Hi"));
        Assert.Equal("invalid", badId.Code);
        var tooManyAttachments = await Assert.ThrowsAsync<CollabHubException>(() => forum.FounderHub.PostForumReplyAsync(
            forum.Id, thread.Id, "Many", attachmentIds: Enumerable.Range(0, 11).Select(i => $"m{i}").ToList()));
        Assert.Equal("invalid", tooManyAttachments.Code);
        Assert.Equal(1, (await forum.FounderHub.OpenForumThreadAsync(forum.Id, thread.Id)).Thread.LastPostNumber);
    }

    [Fact]
    public async Task A_locked_thread_refuses_replies_and_edits_with_conflict_until_unlocked()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Lynx");
        var thread = (await forum.StartThreadAsync()).Thread;
        var early = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Before the lock");
        var changes = new EventRecorder<ForumThreadEvent>();
        pupil.Hub.ForumThreadChanged += changes.Record;
        await pupil.Hub.OpenForumThreadAsync(forum.Id, thread.Id);

        var locked = await forum.PartnerHub.LockForumThreadAsync(forum.Id, thread.Id);

        Assert.True(locked.Locked);
        Assert.True((await changes.WaitForAsync(e => e.Thread.Id == thread.Id && e.Thread.Locked)).Thread.Locked);
        var reply = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "After the lock"));
        Assert.Equal("conflict", reply.Code);
        var edit = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.EditForumPostAsync(forum.Id, early.Id, "Changed after the lock"));
        Assert.Equal("conflict", edit.Code);
        // The moderator may still close the debate with a summary.
        await forum.PartnerHub.PostForumReplyAsync(forum.Id, thread.Id, "Thank you all; the vote is closed.");
        await forum.PartnerHub.LockForumThreadAsync(forum.Id, thread.Id, locked: false);
        Assert.Equal(4, (await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "After the unlock")).Number);
        var pupilLocks = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.LockForumThreadAsync(forum.Id, thread.Id));
        Assert.Equal("forbidden", pupilLocks.Code);
    }

    [Fact]
    public async Task Replies_to_another_TwinSpaces_threads_are_refused()
    {
        await using var ours = await ForumScenario.CreateAsync(Server);
        await using var theirs = await ForumScenario.CreateAsync(Server);
        var theirThread = (await theirs.StartThreadAsync()).Thread;
        var pupil = await ours.TwinSpace.AddPupilAsync("Fox");

        // Our TwinSpace id with their thread id: the thread does not exist in our TwinSpace.
        var viaOurs = await Assert.ThrowsAsync<CollabHubException>(() => ours.FounderHub.PostForumReplyAsync(ours.Id, theirThread.Id, "Hello?"));
        Assert.Equal("not_found", viaOurs.Code);
        var openViaOurs = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.OpenForumThreadAsync(ours.Id, theirThread.Id));
        Assert.Equal("not_found", openViaOurs.Code);
        // Their TwinSpace id: we are not members, and a pupil token is scoped to its own TwinSpace.
        var viaTheirs = await Assert.ThrowsAsync<CollabHubException>(() => ours.FounderHub.PostForumReplyAsync(theirs.Id, theirThread.Id, "Hello?"));
        Assert.Equal("forbidden", viaTheirs.Code);
        var pupilViaTheirs = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.PostForumReplyAsync(theirs.Id, theirThread.Id, "Hi"));
        Assert.Equal("forbidden", pupilViaTheirs.Code);
        Assert.Equal(1, (await theirs.FounderHub.OpenForumThreadAsync(theirs.Id, theirThread.Id)).Thread.LastPostNumber);
    }

    [Fact]
    public async Task A_like_flood_is_rate_limited_and_counts_stay_right()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Wren");
        var opening = (await forum.StartThreadAsync()).Posts[0];

        for (var i = 0; i < ForumServerFixture.LikesPerMinute; i++)
            await pupil.Hub.LikeForumPostAsync(forum.Id, opening.Id, like: i % 2 == 0);
        var flood = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.LikeForumPostAsync(forum.Id, opening.Id));

        Assert.Equal("rate_limited", flood.Code);
        Assert.Equal(1, (await forum.FounderHub.OpenForumThreadAsync(forum.Id, opening.ThreadId)).Posts[0].LikeCount);
        // Another member is not affected by the pupil's flood.
        Assert.Equal(2, (await forum.FounderHub.LikeForumPostAsync(forum.Id, opening.Id)).LikeCount);
    }

    [Fact]
    public async Task Xss_in_titles_and_posts_is_stored_and_sent_as_inert_text()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Crab");
        var started = await forum.PartnerHub.CreateForumThreadAsync(forum.Id, forum.Discussion.Id,
            "<img src=x onerror=alert(1)>", "[click](javascript:alert(1)) <svg onload=alert(1)>");
        var added = new EventRecorder<ForumPostEvent>();
        forum.FounderHub.ForumPostAdded += added.Record;
        await forum.FounderHub.OpenForumThreadAsync(forum.Id, started.Thread.Id);

        var reply = await pupil.Hub.PostForumReplyAsync(forum.Id, started.Thread.Id, "<script>alert(document.cookie)</script>![x](data:image/svg+xml,<svg onload=alert(1)>)");

        // Titles are plain text, shown as text by clients; bodies are sanitized HTML.
        Assert.Equal("<img src=x onerror=alert(1)>", started.Thread.Title);
        Assert.Equal("<p><a rel=\"nofollow noopener noreferrer ugc\">click</a> &lt;svg onload=alert(1)&gt;</p>", started.Posts[0].BodyHtml);
        var live = await added.WaitForAsync(e => e.Post.Id == reply.Id);
        foreach (var html in new[] { reply.BodyHtml, live.Post.BodyHtml })
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        }
        var stored = (await Server.Services.GetRequiredService<IForumStore>().FindPostAsync(forum.Id, reply.Id))!;
        Assert.Equal(reply.BodyHtml, stored.Html);
    }

    [Fact]
    public async Task An_archived_TwinSpace_shows_its_forum_but_refuses_every_change()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Hare");
        var started = await forum.StartThreadAsync();
        await forum.FounderHub.ArchiveTwinSpaceAsync(forum.Id);

        var page = await pupil.Hub.OpenForumThreadAsync(forum.Id, started.Thread.Id);
        Assert.Single(page.Posts);
        Assert.Single((await pupil.Hub.ListForumDiscussionsAsync(forum.Id)));
        await AssertReadOnly(() => pupil.Hub.PostForumReplyAsync(forum.Id, started.Thread.Id, "Too late"));
        await AssertReadOnly(() => pupil.Hub.LikeForumPostAsync(forum.Id, started.Posts[0].Id));
        await AssertReadOnly(() => forum.PartnerHub.CreateForumThreadAsync(forum.Id, forum.Discussion.Id, "New", "Body"));
        await AssertReadOnly(() => forum.FounderHub.CreateForumDiscussionAsync(forum.Id, "New"));
        await AssertReadOnly(() => forum.PartnerHub.HideForumPostAsync(forum.Id, started.Posts[0].Id, "x"));
        await AssertReadOnly(() => forum.PartnerHub.EditForumPostAsync(forum.Id, started.Posts[0].Id, "x"));

        await forum.FounderHub.CloseTwinSpaceAsync(forum.Id);
        var gone = await Assert.ThrowsAsync<CollabHubException>(() => forum.FounderHub.OpenForumThreadAsync(forum.Id, started.Thread.Id));
        Assert.Equal("not_found", gone.Code);
    }

    private static async Task AssertReadOnly(Func<Task> write) =>
        Assert.Equal("read_only", (await Assert.ThrowsAsync<CollabHubException>(write)).Code);
}
