using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Moderation;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Forums;

/// <summary>Moderation of forum posts through the shared mechanism: word filter, reports, review queue, hide, audit.</summary>
public sealed class ForumModerationTests(ForumServerFixture fixture) : IClassFixture<ForumServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_moderator_hides_a_post_with_a_reason_viewers_see_it_go_and_the_audit_log_keeps_it()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Fox");
        var other = await forum.TwinSpace.AddPupilAsync("Owl");
        var thread = (await forum.StartThreadAsync()).Thread;
        var changed = new EventRecorder<ForumPostEvent>();
        other.Hub.ForumPostChanged += changed.Record;
        await other.Hub.OpenForumThreadAsync(forum.Id, thread.Id);
        var reply = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "My address is 5 River Street.");

        var hidden = await forum.PartnerHub.HideForumPostAsync(forum.Id, reply.Id, "Personal data");

        Assert.Equal(ForumPostState.Hidden, hidden.State);
        Assert.Equal("Personal data", hidden.ModerationNote);
        var live = await changed.WaitForAsync(e => e.Post.Id == reply.Id && e.Post.State == ForumPostState.Hidden);
        Assert.Equal("", live.Post.BodyHtml);
        Assert.Null(live.Post.ModerationNote);
        var forAuthor = (await pupil.Hub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts.Single(p => p.Id == reply.Id);
        Assert.Equal("", forAuthor.BodyHtml);
        Assert.Equal("Personal data", forAuthor.ModerationNote);
        var noReason = await Assert.ThrowsAsync<CollabHubException>(() => forum.PartnerHub.HideForumPostAsync(forum.Id, reply.Id, " "));
        Assert.Equal("invalid", noReason.Code);
        var audit = await forum.FounderHub.GetAuditLogAsync(forum.Id);
        Assert.Contains(audit, e => e.Action == "forum.post_hidden" && e.TargetId == reply.Id && e.Detail.Contains("Personal data", StringComparison.Ordinal));

        var shown = await forum.PartnerHub.ShowForumPostAsync(forum.Id, reply.Id);
        Assert.Equal(ForumPostState.Visible, shown.State);
        await changed.WaitForAsync(e => e.Post.Id == reply.Id && e.Post.State == ForumPostState.Visible);
    }

    [Fact]
    public async Task Reports_gather_in_the_review_queue_and_removing_hides_the_post()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var author = await forum.TwinSpace.AddPupilAsync("Lynx");
        var reporter = await forum.TwinSpace.AddPupilAsync("Seal");
        var (_, observerHub) = await forum.TwinSpace.AddTeacherAsync(TwinSpaceRole.Observer, "FR");
        var thread = (await forum.StartThreadAsync()).Thread;
        var reply = await author.Hub.PostForumReplyAsync(forum.Id, thread.Id, "You are all losers.");

        await reporter.Hub.ReportForumPostAsync(forum.Id, reply.Id, "Mean");
        await reporter.Hub.ReportForumPostAsync(forum.Id, reply.Id, "Mean again");
        await observerHub.ReportForumPostAsync(forum.Id, reply.Id, "Unkind");

        var item = Assert.Single(await forum.PartnerHub.GetForumReviewQueueAsync(forum.Id));
        Assert.Equal("forum.post", item.ContentKind);
        Assert.Equal(reply.Id, item.ContentId);
        Assert.Equal(thread.Id, item.ContainerId);
        Assert.Equal(ReviewReason.Reported, item.Reason);
        Assert.Equal(2, item.Reports.Count);
        var pupilQueue = await Assert.ThrowsAsync<CollabHubException>(() => reporter.Hub.GetForumReviewQueueAsync(forum.Id));
        Assert.Equal("forbidden", pupilQueue.Code);

        var resolved = await forum.PartnerHub.ResolveForumReviewAsync(forum.Id, item.Id, ReviewDecision.Remove, "Unkind to classmates");

        Assert.Equal(ReviewState.Removed, resolved.State);
        var seen = (await reporter.Hub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts.Single(p => p.Id == reply.Id);
        Assert.Equal(ForumPostState.Hidden, seen.State);
        Assert.Equal("", seen.BodyHtml);
        Assert.Empty(await forum.PartnerHub.GetForumReviewQueueAsync(forum.Id));
        var twice = await Assert.ThrowsAsync<CollabHubException>(
            () => forum.PartnerHub.ResolveForumReviewAsync(forum.Id, item.Id, ReviewDecision.Approve));
        Assert.Equal("conflict", twice.Code);
    }

    [Fact]
    public async Task The_shared_word_filter_masks_blocks_and_holds_forum_posts_until_a_moderator_approves()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        await Server.Services.GetRequiredService<IModerationStore>().SetWordListAsync(forum.Id,
        [
            new WordFilterRule("idiot", WordFilterAction.Mask),
            new WordFilterRule("phone number", WordFilterAction.HoldForReview),
            new WordFilterRule("kill", WordFilterAction.Block),
        ]);
        var pupil = await forum.TwinSpace.AddPupilAsync("Crab");
        var other = await forum.TwinSpace.AddPupilAsync("Wren");
        var thread = (await forum.StartThreadAsync()).Thread;
        var added = new EventRecorder<ForumPostEvent>();
        var ownChanges = new EventRecorder<ForumPostEvent>();
        other.Hub.ForumPostAdded += added.Record;
        pupil.Hub.ForumPostChanged += ownChanges.Record;
        await other.Hub.OpenForumThreadAsync(forum.Id, thread.Id);

        var masked = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Don't be an Idiot about water.");
        Assert.Equal("<p>Don't be an ***** about water.</p>", masked.BodyHtml);
        var blocked = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "I will kill you"));
        Assert.Equal("invalid", blocked.Code);
        var blockedTitle = await Assert.ThrowsAsync<CollabHubException>(
            () => forum.PartnerHub.CreateForumThreadAsync(forum.Id, forum.Discussion.Id, "What is your phone number?", "x"));
        Assert.Equal("invalid", blockedTitle.Code);

        var held = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Here is my phone number: 0123");
        Assert.Equal(ForumPostState.HeldForReview, held.State);
        Assert.Equal("<p>Here is my phone number: 0123</p>", held.BodyHtml);
        await ownChanges.WaitForAsync(e => e.Post.Id == held.Id && e.Post.State == ForumPostState.HeldForReview);
        await added.WaitForAsync(e => e.Post.Id == masked.Id);
        Assert.DoesNotContain(added.Seen, e => e.Post.Id == held.Id);
        Assert.DoesNotContain((await other.Hub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts, p => p.Id == held.Id);
        var liking = await Assert.ThrowsAsync<CollabHubException>(() => other.Hub.LikeForumPostAsync(forum.Id, held.Id));
        Assert.Equal("not_found", liking.Code);

        var item = Assert.Single(await forum.PartnerHub.GetForumReviewQueueAsync(forum.Id));
        Assert.Equal(ReviewReason.Held, item.Reason);
        Assert.Equal(held.Id, item.ContentId);
        await forum.PartnerHub.ResolveForumReviewAsync(forum.Id, item.Id, ReviewDecision.Approve, "A school phone number");

        var published = await added.WaitForAsync(e => e.Post.Id == held.Id);
        Assert.Equal(ForumPostState.Visible, published.Post.State);
        Assert.Contains((await other.Hub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts, p => p.Id == held.Id);
    }

    [Fact]
    public async Task A_removed_member_stops_receiving_the_events_of_open_threads()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Hare");
        var thread = (await forum.StartThreadAsync()).Thread;
        var added = new EventRecorder<ForumPostEvent>();
        var revoked = new EventRecorder<AccessRevokedEvent>();
        pupil.Hub.ForumPostAdded += added.Record;
        pupil.Hub.AccessRevoked += revoked.Record;
        await pupil.Hub.JoinTwinSpaceAsync(forum.Id);
        await pupil.Hub.OpenForumThreadAsync(forum.Id, thread.Id);
        var before = await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "Before");
        await added.WaitForAsync(e => e.Post.Id == before.Id);

        await forum.FounderHub.RemoveMemberAsync(forum.Id, pupil.Tokens.Account.Id);
        await revoked.WaitForAsync(e => e.TwinSpaceId == forum.Id);

        // A viewer that stays in the group proves the event was sent; the removed pupil must not get it.
        var witness = new EventRecorder<ForumPostEvent>();
        forum.PartnerHub.ForumPostAdded += witness.Record;
        await forum.PartnerHub.OpenForumThreadAsync(forum.Id, thread.Id);
        var after = await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "After");
        await witness.WaitForAsync(e => e.Post.Id == after.Id);
        Assert.DoesNotContain(added.Seen, e => e.Post.Id == after.Id);
    }

    [Fact]
    public async Task A_muted_pupil_reads_but_cannot_post_in_that_discussion_until_unmuted()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Fox");
        var thread = (await forum.StartThreadAsync()).Thread;
        var otherDiscussion = await forum.FounderHub.CreateForumDiscussionAsync(forum.Id, "Elsewhere");
        var otherThread = await forum.PartnerHub.CreateForumThreadAsync(forum.Id, otherDiscussion.Id, "Other", "Other");
        var early = await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Before the mute");

        var mute = await forum.PartnerHub.MuteForumMemberAsync(forum.Id, forum.Discussion.Id, pupil.Tokens.Account.Id, 30, "Let others speak");

        Assert.Equal(pupil.Tokens.Account.Id, mute.AccountId);
        var reply = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Muted?"));
        Assert.Equal("forbidden", reply.Code);
        var edit = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.EditForumPostAsync(forum.Id, early.Id, "Edited while muted"));
        Assert.Equal("forbidden", edit.Code);
        Assert.Equal(2, (await pupil.Hub.OpenForumThreadAsync(forum.Id, thread.Id)).Posts.Count);
        Assert.Equal(2, (await pupil.Hub.PostForumReplyAsync(forum.Id, otherThread.Thread.Id, "Still welcome here")).Number);
        var muteTeacher = await Assert.ThrowsAsync<CollabHubException>(
            () => forum.FounderHub.MuteForumMemberAsync(forum.Id, forum.Discussion.Id, forum.Partner.Account.Id, 30, "No"));
        Assert.Equal("forbidden", muteTeacher.Code);
        var pupilMutes = await Assert.ThrowsAsync<CollabHubException>(
            () => pupil.Hub.MuteForumMemberAsync(forum.Id, forum.Discussion.Id, forum.Partner.Account.Id, 30, "No"));
        Assert.Equal("forbidden", pupilMutes.Code);

        await forum.PartnerHub.UnmuteForumMemberAsync(forum.Id, forum.Discussion.Id, pupil.Tokens.Account.Id);
        Assert.Equal(3, (await pupil.Hub.PostForumReplyAsync(forum.Id, thread.Id, "Back again")).Number);
        var audit = await forum.FounderHub.GetAuditLogAsync(forum.Id);
        Assert.Contains(audit, e => e.Action == "moderation.member_muted" && e.TargetId == pupil.Tokens.Account.Id);
    }
}
