using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Chat;

public sealed class ChatMessagingTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private const string General = "general";

    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Teacher_and_pupil_exchange_messages_live_with_server_sequences()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Otter");
        var received = new EventRecorder<ChatMessageView>();
        pupil.Hub.ChatMessageReceived += received.Record;
        var opened = await pupil.Hub.OpenChatChannelAsync(scenario.Id, General);
        Assert.Equal(ChatChannelKind.General, opened.Kind);
        Assert.True(opened.CanWrite);

        var first = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "c1", "Hello class!");
        var reply = await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "p1", "Hello teacher");

        Assert.Equal(1, first.Message.Sequence);
        Assert.Equal(2, reply.Message.Sequence);
        Assert.False(first.Duplicate);
        var live = await received.WaitForAsync(m => m.Sequence == 1);
        Assert.Equal("Hello class!", live.Text);
        Assert.Equal(scenario.Founder.Account.Id, live.AuthorId);
        var history = await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General);
        Assert.Equal(["Hello class!", "Hello teacher"], history.Messages.Select(m => m.Text));
        Assert.False(history.HasMore);
    }

    [Fact]
    public async Task A_retried_send_with_the_same_client_id_is_stored_once()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);

        var first = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "same-id", "Once");
        var retry = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "same-id", "Once");
        var replayWithOtherText = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "same-id", "Twice?");

        Assert.True(retry.Duplicate);
        Assert.True(replayWithOtherText.Duplicate);
        Assert.Equal(first.Message.Sequence, retry.Message.Sequence);
        Assert.Equal("Once", replayWithOtherText.Message.Text);
        Assert.Single((await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General)).Messages);
        // Client ids are case-sensitive: the store's case-insensitive keys must not merge these.
        Assert.False((await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "SAME-ID", "Other")).Duplicate);
    }

    [Fact]
    public async Task Concurrent_senders_get_unique_gap_free_sequences()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var senders = new List<TwinSpaceConnection> { scenario.FounderHub };
        for (var i = 0; i < 4; i++) senders.Add((await scenario.AddPupilAsync($"Pupil{i}")).Hub);

        var acks = await Task.WhenAll(senders.Select(async (hub, s) =>
        {
            var mine = new List<SendChatMessageResult>();
            for (var i = 0; i < 40; i++) mine.Add(await hub.SendChatMessageAsync(scenario.Id, General, $"s{s}-{i}", $"message {i} from {s}"));
            return mine;
        })).WithTimeout(TimeSpan.FromSeconds(60));

        var sequences = acks.SelectMany(a => a).Select(a => a.Message.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), sequences);
        // Each sender's own messages keep the order it sent them in.
        Assert.All(acks, mine => Assert.Equal(mine.Select(a => a.Message.Sequence).Order(), mine.Select(a => a.Message.Sequence)));
    }

    [Fact]
    public async Task History_pages_backwards_by_sequence()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        for (var i = 1; i <= 25; i++) await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"m{i}", $"#{i}");

        var newest = await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General, limit: 10);
        var older = await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General, newest.Messages[0].Sequence, 10);
        var oldest = await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General, older.Messages[0].Sequence, 10);

        Assert.Equal(Enumerable.Range(16, 10).Select(i => (long)i), newest.Messages.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(6, 10).Select(i => (long)i), older.Messages.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), oldest.Messages.Select(m => m.Sequence));
        Assert.True(newest.HasMore);
        Assert.True(older.HasMore);
        Assert.False(oldest.HasMore);
        var since = await scenario.FounderHub.GetChatMessagesSinceAsync(scenario.Id, General, 20);
        Assert.Equal([21L, 22, 23, 24, 25], since.Messages.Select(m => m.Sequence));
        Assert.Equal(25, since.LastSequence);
        Assert.False(since.HasMore);
        Assert.False(since.ReloadRequired);
    }

    [Fact]
    public async Task Recovery_since_N_also_brings_older_messages_that_changed_while_the_client_was_away()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Heron");
        await pupil.Hub.OpenChatChannelAsync(scenario.Id, General);
        for (var i = 1; i <= 3; i++) await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"t{i}", $"Teacher #{i}");
        await scenario.FounderHub.EditChatMessageAsync(scenario.Id, General, 3, "Teacher #3, corrected before the pupil's message");
        var held = await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "p1", "Our river is long");

        // The pupil holds everything up to #4 and goes away; meanwhile older messages change and a new one arrives.
        await scenario.FounderHub.HideChatMessageAsync(scenario.Id, General, 2, "Wrong channel");
        await scenario.FounderHub.ReactToChatMessageAsync(scenario.Id, General, 1, "👍", add: true);
        await pupil.Hub.EditChatMessageAsync(scenario.Id, General, held.Message.Sequence, "Our river is very long");
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "t5", "Teacher #5");

        var since = await pupil.Hub.GetChatMessagesSinceAsync(scenario.Id, General, held.Message.Sequence);

        Assert.Equal([5L], since.Messages.Select(m => m.Sequence));
        Assert.Equal([1L, 2, 4], since.Changed.Select(m => m.Sequence));
        Assert.Equal(1, since.Changed[0].Reactions.Single(r => r.Emoji == "👍").Count);
        Assert.Equal(ChatMessageState.Hidden, since.Changed[1].State);
        Assert.Equal("", since.Changed[1].Text);
        Assert.Equal("Our river is very long", since.Changed[2].Text);
        // Asking from the newest message: nothing changed after it.
        Assert.Empty((await pupil.Hub.GetChatMessagesSinceAsync(scenario.Id, General, 5)).Changed);
        // The client's helper pages through the same and gathers the changes of every page.
        var caughtUp = await pupil.Hub.CatchUpChatAsync(scenario.Id, General, held.Message.Sequence);
        Assert.Equal([5L], caughtUp!.Messages.Select(m => m.Sequence));
        Assert.Equal([1L, 2, 4], caughtUp.Changed.Select(m => m.Sequence));
    }

    [Fact]
    public async Task Teachers_supervise_every_channel_pupils_are_in_and_pupils_cannot_open_direct_messages()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (partner, partnerHub) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher, "PT");
        var fox = await scenario.AddPupilAsync("Fox");
        var owl = await scenario.AddPupilAsync("Owl");

        var added = new EventRecorder<ChatChannelView>();
        fox.Hub.ChatChannelAdded += added.Record;
        var breakout = await scenario.FounderHub.CreateBreakoutChannelAsync(scenario.Id, "Rivers group", fox.Tokens.Account.Id);
        Assert.Equal("Rivers group", (await added.WaitForAsync(c => c.Id == breakout.Id)).Title);
        await fox.Hub.SendChatMessageAsync(scenario.Id, breakout.Id, "f1", "Our river is the Mur");

        // The partner teacher is not a member of the breakout but reads it; the other pupil does not see it.
        var partnerChannels = await partnerHub.ListChatChannelsAsync(scenario.Id);
        Assert.Contains(partnerChannels, c => c.Id == breakout.Id && c.Unread == 1);
        Assert.Single((await partnerHub.GetChatHistoryAsync(scenario.Id, breakout.Id)).Messages);
        var owlChannels = await owl.Hub.ListChatChannelsAsync(scenario.Id);
        Assert.Equal([ChatChannelKind.General], owlChannels.Select(c => c.Kind));
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() => owl.Hub.GetChatHistoryAsync(scenario.Id, breakout.Id))).Code);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() => owl.Hub.OpenChatChannelAsync(scenario.Id, "teachers"))).Code);

        // Pupils cannot open direct messages, with a teacher or anyone; teachers can, between themselves.
        var pupilDm = await Assert.ThrowsAsync<CollabHubException>(() => fox.Hub.OpenDirectChannelAsync(scenario.Id, scenario.Founder.Account.Id));
        Assert.Equal("forbidden", pupilDm.Code);
        var dmWithPupil = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.OpenDirectChannelAsync(scenario.Id, fox.Tokens.Account.Id));
        Assert.Equal("forbidden", dmWithPupil.Code);
        var dm = await scenario.FounderHub.OpenDirectChannelAsync(scenario.Id, partner.Account.Id);
        Assert.Equal(ChatChannelKind.Direct, dm.Kind);
        Assert.Equal(dm.Id, (await partnerHub.OpenDirectChannelAsync(scenario.Id, scenario.Founder.Account.Id)).Id);
        await partnerHub.SendChatMessageAsync(scenario.Id, dm.Id, "d1", "Shall we plan Tuesday?");
        Assert.DoesNotContain(await fox.Hub.ListChatChannelsAsync(scenario.Id), c => c.Id == dm.Id);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() => fox.Hub.GetChatHistoryAsync(scenario.Id, dm.Id))).Code);
        var pupilBreakout = await Assert.ThrowsAsync<CollabHubException>(() => fox.Hub.CreateBreakoutChannelAsync(scenario.Id, "Secret", owl.Tokens.Account.Id));
        Assert.Equal("forbidden", pupilBreakout.Code);
    }

    [Fact]
    public async Task Edits_keep_their_history_for_moderators_and_deletes_leave_a_tombstone()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Seal");
        var changes = new EventRecorder<ChatMessageView>();
        scenario.FounderHub.ChatMessageChanged += changes.Record;
        await scenario.FounderHub.OpenChatChannelAsync(scenario.Id, General);
        var sent = await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "e1", "Our twon is small");

        var edited = await pupil.Hub.EditChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "Our town is small");
        Assert.Equal("Our town is small", edited.Text);
        Assert.NotNull(edited.EditedAt);
        await changes.WaitForAsync(m => m.Text == "Our town is small");
        var others = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.EditChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "changed"));
        Assert.Equal("forbidden", others.Code);

        var deleted = await pupil.Hub.DeleteChatMessageAsync(scenario.Id, General, sent.Message.Sequence);
        Assert.Equal(ChatMessageState.Deleted, deleted.State);
        Assert.Equal("", deleted.Text);
        await changes.WaitForAsync(m => m.State == ChatMessageState.Deleted);
        var inHistory = Assert.Single((await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General)).Messages);
        Assert.Equal(ChatMessageState.Deleted, inHistory.State);
        var details = await scenario.FounderHub.GetChatMessageDetailsAsync(scenario.Id, General, sent.Message.Sequence);
        Assert.Equal("Our town is small", details.FullText);
        Assert.Equal("Our twon is small", Assert.Single(details.Edits).Text);
        Assert.True(details.Deleted);
        var pupilDetails = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.GetChatMessageDetailsAsync(scenario.Id, General, sent.Message.Sequence));
        Assert.Equal("forbidden", pupilDetails.Code);
    }

    [Fact]
    public async Task Reactions_are_counted_per_emoji_and_each_member_counts_once()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var fox = await scenario.AddPupilAsync("Fox");
        var owl = await scenario.AddPupilAsync("Owl");
        var sent = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "r1", "Quiz on Friday!");

        await fox.Hub.ReactToChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "👍");
        await fox.Hub.ReactToChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "👍");
        await owl.Hub.ReactToChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "👍");
        var afterOwl = await owl.Hub.ReactToChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "🎉");
        Assert.Equal(2, afterOwl.Reactions.Single(r => r.Emoji == "👍").Count);
        Assert.Equal(1, afterOwl.Reactions.Single(r => r.Emoji == "🎉").Count);

        var removed = await owl.Hub.ReactToChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "🎉", add: false);
        Assert.Equal(["👍"], removed.Reactions.Select(r => r.Emoji));
        Assert.Equal([fox.Tokens.Account.Id, owl.Tokens.Account.Id], removed.Reactions[0].AccountIds);
    }

    [Fact]
    public async Task Read_markers_give_unread_counts_per_member_and_channel()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Lynx");
        for (var i = 1; i <= 5; i++) await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"u{i}", $"news {i}");

        Assert.Equal(5, (await pupil.Hub.ListChatChannelsAsync(scenario.Id)).Single(c => c.Id == General).Unread);
        var marked = await pupil.Hub.MarkChatReadAsync(scenario.Id, General, 3);
        Assert.Equal(2, marked.Unread);
        var backwards = await pupil.Hub.MarkChatReadAsync(scenario.Id, General, 1);
        Assert.Equal(3, backwards.ReadSequence);
        Assert.Equal(2, (await pupil.Hub.ListChatChannelsAsync(scenario.Id)).Single(c => c.Id == General).Unread);
        // What the author wrote is read for the author.
        Assert.Equal(0, (await scenario.FounderHub.ListChatChannelsAsync(scenario.Id)).Single(c => c.Id == General).Unread);
        await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "p1", "my reply");
        Assert.Equal(1, (await scenario.FounderHub.ListChatChannelsAsync(scenario.Id)).Single(c => c.Id == General).Unread);
        Assert.Equal(0, (await pupil.Hub.ListChatChannelsAsync(scenario.Id)).Single(c => c.Id == General).Unread);
    }

    [Fact]
    public async Task Typing_is_passed_on_to_the_channel_at_most_once_per_interval()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Wren");
        var typing = new EventRecorder<ChatTypingEvent>();
        var messages = new EventRecorder<ChatMessageView>();
        scenario.FounderHub.ChatTyping += typing.Record;
        scenario.FounderHub.ChatMessageReceived += messages.Record;
        await scenario.FounderHub.OpenChatChannelAsync(scenario.Id, General);

        await pupil.Hub.SendChatTypingAsync(scenario.Id, General);
        await pupil.Hub.SendChatTypingAsync(scenario.Id, General);
        await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "t1", "done typing");

        // Events of one channel keep their order, so once the message is here every typing event sent before it is too.
        await messages.WaitForAsync(m => m.ClientMessageId == "t1");
        var only = Assert.Single(typing.Seen);
        Assert.Equal(pupil.Tokens.Account.Id, only.AccountId);
        Assert.Equal("Wren", only.DisplayName);
        Assert.Equal(60_000, only.ExpiresInMilliseconds);
    }

    [Fact]
    public async Task A_removed_member_stops_receiving_the_channels_messages_at_once()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (partner, partnerHub) = await scenario.AddTeacherAsync();
        var stayer = await scenario.AddPupilAsync("Stays");
        var removedEvents = new EventRecorder<ChatMessageView>();
        var stayerEvents = new EventRecorder<ChatMessageView>();
        partnerHub.ChatMessageReceived += removedEvents.Record;
        stayer.Hub.ChatMessageReceived += stayerEvents.Record;
        await partnerHub.OpenChatChannelAsync(scenario.Id, General);
        await stayer.Hub.OpenChatChannelAsync(scenario.Id, General);
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "before", "before");
        await removedEvents.WaitForAsync(m => m.ClientMessageId == "before");

        await scenario.FounderHub.RemoveMemberAsync(scenario.Id, partner.Account.Id);
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "after", "after the removal");
        await stayerEvents.WaitForAsync(m => m.ClientMessageId == "after");

        // The group send is done (another member got it); anything it wrote to the removed connection would
        // arrive before the result of a call made now on that connection.
        await partnerHub.ListMyTwinSpacesAsync();
        Assert.DoesNotContain(removedEvents.Seen, m => m.ClientMessageId == "after");
    }

    [Fact]
    public async Task An_archived_TwinSpace_keeps_its_chat_readable_but_refuses_new_messages()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "a1", "Last words");
        await scenario.FounderHub.ArchiveTwinSpaceAsync(scenario.Id);

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "a2", "More?"));
        Assert.Equal("read_only", refused.Code);
        Assert.Single((await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General)).Messages);
    }
}
