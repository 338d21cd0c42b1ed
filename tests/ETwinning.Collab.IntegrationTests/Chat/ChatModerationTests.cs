using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Chat;

public sealed class ChatModerationTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private const string General = "general";

    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task The_word_filter_masks_holds_and_blocks_per_TwinSpace()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        await using var other = await TwinSpaceScenario.CreateAsync(Server, "Another project");
        var pupil = await scenario.AddPupilAsync("Fox");
        var classmate = await scenario.AddPupilAsync("Owl");
        await scenario.FounderHub.SetChatWordListAsync(scenario.Id,
            new WordFilterRule("idiot", WordFilterAction.Mask),
            new WordFilterRule("my address", WordFilterAction.HoldForReview),
            new WordFilterRule("kill*", WordFilterAction.Block));

        var masked = await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "w1", "You Idiot!");
        Assert.Equal("You *****!", masked.Message.Text);
        var held = await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "w2", "Here is my address");
        Assert.Equal(ChatMessageState.Held, held.Message.State);
        Assert.Equal("Here is my address", held.Message.Text);
        var blocked = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.SendChatMessageAsync(scenario.Id, General, "w3", "I will KILLYOU"));
        Assert.Equal("invalid", blocked.Code);

        // Held: the author sees it, classmates see a placeholder without text, teachers find it in the queue.
        var classmateView = (await classmate.Hub.GetChatHistoryAsync(scenario.Id, General)).Messages;
        Assert.Equal(2, classmateView.Count);
        Assert.Equal("", classmateView[1].Text);
        Assert.Equal("Here is my address", (await pupil.Hub.GetChatHistoryAsync(scenario.Id, General)).Messages[1].Text);
        var item = Assert.Single(await scenario.FounderHub.GetChatReviewQueueAsync(scenario.Id));
        Assert.Equal(ReviewReason.Held, item.Reason);
        Assert.Equal("Here is my address", item.Excerpt);

        var changes = new EventRecorder<ChatMessageView>();
        classmate.Hub.ChatMessageChanged += changes.Record;
        await classmate.Hub.OpenChatChannelAsync(scenario.Id, General);
        await scenario.FounderHub.ResolveChatReviewAsync(scenario.Id, item.Id, ReviewDecision.Approve);
        var approved = await changes.WaitForAsync(m => m.Sequence == held.Message.Sequence);
        Assert.Equal(ChatMessageState.Visible, approved.State);
        Assert.Equal("Here is my address", approved.Text);
        Assert.Empty(await scenario.FounderHub.GetChatReviewQueueAsync(scenario.Id));

        // Lists are per TwinSpace.
        var elsewhere = await other.FounderHub.SendChatMessageAsync(other.Id, General, "w4", "idiot");
        Assert.Equal("idiot", elsewhere.Message.Text);
        var audit = await scenario.FounderHub.GetAuditLogAsync(scenario.Id);
        Assert.Contains(audit, e => e.Action == "moderation.word_list_changed");
        Assert.Contains(audit, e => e.Action == "moderation.content_held" && e.ActorId == pupil.Tokens.Account.Id);
        Assert.Contains(audit, e => e.Action == "moderation.content_approved");
    }

    [Fact]
    public async Task A_held_message_whose_review_item_was_never_written_reaches_the_queue()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Lynx");
        await scenario.FounderHub.SetChatWordListAsync(scenario.Id, new WordFilterRule("my address", WordFilterAction.HoldForReview));
        var store = Server.Services.GetRequiredService<IChatStore>();

        // A held send completes its review item and leaves nothing pending.
        await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "h1", "Here is my address");
        Assert.Empty(await store.PendingHoldsAsync(scenario.Id));
        // What a crash between the two writes leaves: the message stored as held, its review item never written.
        await store.AppendAsync(scenario.Id, new ChatMessage
        {
            ChannelId = General, ClientMessageId = "h2", AuthorId = pupil.Tokens.Account.Id, AuthorName = "Lynx",
            Text = "Come to my address after school", SentAt = DateTime.UtcNow.AddMinutes(-5), Held = true,
        });
        Assert.Single(await store.PendingHoldsAsync(scenario.Id));

        var queue = await scenario.FounderHub.GetChatReviewQueueAsync(scenario.Id);

        Assert.Equal(["Come to my address after school", "Here is my address"], queue.Select(item => item.Excerpt).Order(StringComparer.Ordinal));
        Assert.Empty(await store.PendingHoldsAsync(scenario.Id));
        Assert.Equal(2, (await scenario.FounderHub.GetChatReviewQueueAsync(scenario.Id)).Count);
    }

    [Fact]
    public async Task A_teacher_hides_a_message_with_a_reason_and_it_disappears_for_pupils()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var fox = await scenario.AddPupilAsync("Fox");
        var owl = await scenario.AddPupilAsync("Owl");
        var changes = new EventRecorder<ChatMessageView>();
        owl.Hub.ChatMessageChanged += changes.Record;
        await owl.Hub.OpenChatChannelAsync(scenario.Id, General);
        var sent = await fox.Hub.SendChatMessageAsync(scenario.Id, General, "h1", "Owl's drawing is ugly");

        var noReason = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.HideChatMessageAsync(scenario.Id, General, sent.Message.Sequence, " "));
        Assert.Equal("invalid", noReason.Code);
        var byPupil = await Assert.ThrowsAsync<CollabHubException>(() => owl.Hub.HideChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "mean"));
        Assert.Equal("forbidden", byPupil.Code);
        await scenario.FounderHub.HideChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "Unkind to a classmate");

        var hidden = await changes.WaitForAsync(m => m.Sequence == sent.Message.Sequence);
        Assert.Equal(ChatMessageState.Hidden, hidden.State);
        Assert.Equal("", hidden.Text);
        Assert.Equal("", (await fox.Hub.GetChatHistoryAsync(scenario.Id, General)).Messages.Single().Text);
        var details = await scenario.FounderHub.GetChatMessageDetailsAsync(scenario.Id, General, sent.Message.Sequence);
        Assert.Equal("Owl's drawing is ugly", details.FullText);
        Assert.Equal("Unkind to a classmate", details.HiddenReason);
        var entry = Assert.Single(await scenario.FounderHub.GetAuditLogAsync(scenario.Id), e => e.Action == "moderation.content_hidden");
        Assert.Equal("Unkind to a classmate", entry.Detail);
    }

    [Fact]
    public async Task Reports_gather_in_the_review_queue_and_removing_hides_the_message()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var fox = await scenario.AddPupilAsync("Fox");
        var owl = await scenario.AddPupilAsync("Owl");
        var seal = await scenario.AddPupilAsync("Seal");
        var sent = await fox.Hub.SendChatMessageAsync(scenario.Id, General, "x1", "Come to the park alone");

        await owl.Hub.ReportChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "This feels wrong");
        await owl.Hub.ReportChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "again");
        await seal.Hub.ReportChatMessageAsync(scenario.Id, General, sent.Message.Sequence, null);

        var item = Assert.Single(await scenario.FounderHub.GetChatReviewQueueAsync(scenario.Id));
        Assert.Equal(ReviewReason.Reported, item.Reason);
        Assert.Equal(2, item.Reports.Count);
        Assert.Equal(fox.Tokens.Account.Id, item.AuthorId);
        var resolved = await scenario.FounderHub.ResolveChatReviewAsync(scenario.Id, item.Id, ReviewDecision.Remove, "Not safe");
        Assert.Equal(ReviewState.Removed, resolved.State);
        Assert.Equal(ChatMessageState.Hidden, (await owl.Hub.GetChatHistoryAsync(scenario.Id, General)).Messages.Single().State);
        var twice = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.ResolveChatReviewAsync(scenario.Id, item.Id, ReviewDecision.Approve));
        Assert.Equal("conflict", twice.Code);
        var audit = await scenario.FounderHub.GetAuditLogAsync(scenario.Id);
        Assert.Equal(3, audit.Count(e => e.Action == "moderation.content_reported"));
        Assert.Contains(audit, e => e.Action == "moderation.content_removed" && e.Detail == "Not safe");
    }

    [Fact]
    public async Task A_muted_pupil_cannot_send_in_that_channel_until_unmuted()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (partner, _) = await scenario.AddTeacherAsync();
        var fox = await scenario.AddPupilAsync("Fox");
        var owl = await scenario.AddPupilAsync("Owl");
        var breakout = await scenario.FounderHub.CreateBreakoutChannelAsync(scenario.Id, "Group A", fox.Tokens.Account.Id);
        var question = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "t1", "Who has finished?");
        var typing = new EventRecorder<ChatTypingEvent>();
        scenario.FounderHub.ChatTyping += typing.Record;
        await scenario.FounderHub.OpenChatChannelAsync(scenario.Id, General);

        var mute = await scenario.FounderHub.MuteChatMemberAsync(scenario.Id, General, fox.Tokens.Account.Id, 10, "Calm down a little");
        Assert.True(mute.Until > DateTime.UtcNow.AddMinutes(9));
        var listed = Assert.Single(await scenario.FounderHub.GetChatMutesAsync(scenario.Id));
        Assert.Equal(("chat:" + General, fox.Tokens.Account.Id, "Calm down a little"), (listed.Scope, listed.AccountId, listed.Reason));
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => fox.Hub.GetChatMutesAsync(scenario.Id))).Code);

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => fox.Hub.SendChatMessageAsync(scenario.Id, General, "m1", "hello?"));
        Assert.Equal("forbidden", refused.Code);
        // Reactions are sending too; typing is not announced (and not refused: clients send it while typing).
        var reaction = await Assert.ThrowsAsync<CollabHubException>(() => fox.Hub.ReactToChatMessageAsync(scenario.Id, General, question.Message.Sequence, "👍"));
        Assert.Equal("forbidden", reaction.Code);
        await fox.Hub.SendChatTypingAsync(scenario.Id, General);
        await owl.Hub.SendChatTypingAsync(scenario.Id, General);
        // Typing events of a channel are delivered in order: Fox's would have come before Owl's.
        await typing.WaitForAsync(e => e.AccountId == owl.Tokens.Account.Id);
        Assert.DoesNotContain(typing.Seen, e => e.AccountId == fox.Tokens.Account.Id);
        await fox.Hub.SendChatMessageAsync(scenario.Id, breakout.Id, "m2", "still fine here");
        var teacher = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.FounderHub.MuteChatMemberAsync(scenario.Id, General, partner.Account.Id, 10, "x"));
        Assert.Equal("forbidden", teacher.Code);
        var tooLong = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.MuteChatMemberAsync(scenario.Id, General, fox.Tokens.Account.Id, 1_000_000, "x"));
        Assert.Equal("invalid", tooLong.Code);

        await scenario.FounderHub.UnmuteChatMemberAsync(scenario.Id, General, fox.Tokens.Account.Id);
        Assert.Empty(await scenario.FounderHub.GetChatMutesAsync(scenario.Id));
        await fox.Hub.SendChatMessageAsync(scenario.Id, General, "m3", "sorry");
        Assert.Equal(["Who has finished?", "sorry"], (await fox.Hub.GetChatHistoryAsync(scenario.Id, General)).Messages.Select(m => m.Text));
        var audit = await scenario.FounderHub.GetAuditLogAsync(scenario.Id);
        Assert.Contains(audit, e => e.Action == "moderation.member_muted" && e.TargetId == fox.Tokens.Account.Id);
        Assert.Contains(audit, e => e.Action == "moderation.member_unmuted" && e.TargetId == fox.Tokens.Account.Id);
    }
}
